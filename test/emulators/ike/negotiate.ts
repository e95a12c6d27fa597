// The negotiation model's pure decision: who initiates, then the checks in the order real IKE meets them, ending
// in the first failure or in established SAs (with latent mismatches noted). No I/O, no randomness, no src/ imports.
import { authentication, identityRowForInitiator, phase1Established } from "./auth";
import { readCloud, readRouter, type CloudEnd, type RouterEnd } from "./ends";
import { addresses, exchangeMode, ikeProposal, natDetection, path, version, type Check } from "./phase1";
import { childrenEstablished, espProposal, lifetimes, pfsGroupV1, phase2Opening, rekey, selectors } from "./phase2";
import { Transcript } from "./transcript";
import type { CloudSide, MismatchClass, NegotiationResult, RouterSide, Scenario, Side } from "./types";

/** Phase 1 up to the responder's first answer, then proposal, NAT detection and authentication, then phase 2. */
const BEFORE_RESPONSE: readonly Check[] = [path, addresses, version, exchangeMode];
const PHASE1: readonly Check[] = [ikeProposal, natDetection, authentication];
const PHASE2: readonly Check[] = [selectors, espProposal, pfsGroupV1, lifetimes];

interface Start {
  initiator?: Side;
  assumptions: string[];
}

/**
 * Who sends the first packet. Tencent's default NegotiationType (active) means both ends try; the lab picks one
 * (default the router). A passive end never initiates; behind masquerade NAT the cloud's packets never reach the router.
 */
function chooseInitiator(r: RouterEnd, c: CloudEnd, s: Scenario): Start {
  const can: Record<Side, boolean> = { router: !r.passive, cloud: c.initiates && s.routerBehindNat !== "masquerade" };
  const wanted: Side = s.initiator ?? "router";
  const other: Side = wanted === "router" ? "cloud" : "router";
  if (can[wanted]) return { initiator: wanted, assumptions: [] };
  const why = wanted === "router" ? "the router's peer is passive" : c.initiates ? "behind masquerade NAT the cloud's packets never reach the router" : "the cloud's NegotiationType is passive";
  if (can[other]) return { initiator: other, assumptions: [`the ${wanted} cannot initiate (${why}): the ${other} does`] };
  return { assumptions: [`neither end initiates (${why}; the ${other} cannot either)`] };
}

function finish(t: Transcript, failure?: MismatchClass, sas?: NegotiationResult["sas"]): NegotiationResult {
  const first = t.latent[0];
  const base = { latent: t.latent, initiator: t.init, routerLog: t.router, cloudLog: t.cloud, assumptions: t.assumptions };
  if (failure) return { established: false, mismatch: failure, ...base };
  return { established: true, ...(first ? { mismatch: first.class, failsOnlyWhen: first.failsOnlyWhen } : {}), ...base, ...(sas ? { sas } : {}) };
}

function run(t: Transcript, checks: readonly Check[]): MismatchClass | undefined {
  for (const check of checks) {
    const failure = check(t);
    if (failure) return failure;
  }
  return undefined;
}

/**
 * The NAT in front of the router: the lab's knob, or implied (masquerade) when the router's own address differs from
 * the one the cloud sees. A NAT needs the router's own (private) address to say what the router presents.
 */
function withNat(r: RouterEnd, scenario: Scenario): Scenario {
  if (scenario.routerBehindNat && r.ownAddress === r.publicAddress) {
    throw new Error("negotiate: routerBehindNat needs RouterSide.localAddress, the router's own (private) address");
  }
  const kind = scenario.routerBehindNat ?? (r.ownAddress !== r.publicAddress ? "masquerade" : undefined);
  return kind ? { ...scenario, routerBehindNat: kind } : scenario;
}

export function negotiate(router: RouterSide, cloud: CloudSide, given: Scenario = {}): NegotiationResult {
  const r = readRouter(router);
  const c = readCloud(cloud);
  const scenario = withNat(r, given);
  const start = chooseInitiator(r, c, scenario);
  if (!start.initiator) {
    if (scenario.routerBehindNat === "masquerade" && c.initiates) {
      // Only the cloud tries, and its packets die at the router's NAT.
      const t = new Transcript(r, c, scenario, "cloud");
      t.assumptions.push(...start.assumptions);
      t.opening();
      t.cloudRetransmits(1);
      return finish(t, "router-behind-nat");
    }
    return { established: false, latent: [], routerLog: [], cloudLog: [], assumptions: start.assumptions };
  }
  const t = new Transcript(r, c, scenario, start.initiator);
  t.assumptions.push(...start.assumptions);

  const noIdentity = identityRowForInitiator(t);
  if (noIdentity) return finish(t, noIdentity);
  t.opening();
  const early = run(t, BEFORE_RESPONSE);
  if (early) return finish(t, early);
  t.responding(r.version);
  const phase1 = run(t, PHASE1);
  if (phase1) return finish(t, phase1);
  phase1Established(t);
  phase2Opening(t);
  const phase2 = run(t, PHASE2);
  if (phase2) return finish(t, phase2);
  const children = childrenEstablished(t);
  const rekeyFailure = rekey(t);
  if (rekeyFailure) return finish(t, rekeyFailure);
  return finish(t, undefined, {
    ikeVersion: r.version,
    initiator: t.init,
    natTraversal: t.port === 4500,
    ike: { routerAddress: t.R, cloudAddress: t.G, port: t.port, initiatorSpi: t.icookie, responderSpi: t.rcookie },
    children,
  });
}
