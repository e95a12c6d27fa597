// The lab's IKE negotiation model (public face): decides what real IKE would do with both ends' actual settings and
// applies it to the RouterOS and Tencent emulators. Test oracle for src/diagnose: never imports anything from src/.
export { negotiate } from "./ike/negotiate";
export { applyNegotiation, EMULATOR_DEFAULT_WAN, type ApplyOptions } from "./ike/apply";
export {
  MISMATCH_CLASSES,
  type ChildSa,
  type CloudSide,
  type EstablishedSas,
  type LatentMismatch,
  type MismatchClass,
  type NegotiationResult,
  type RosRow,
  type RouterLogLine,
  type RouterSide,
  type Scenario,
  type Side,
} from "./ike/types";
