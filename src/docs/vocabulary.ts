// The vocabulary tables as Markdown, so docs/configuration.md is generated from the same rows the code uses.
// Pure; no I/O (scripts/docs.ts writes the file, a test checks it is current).
import { DH_GROUPS, ENCRYPTION, INTEGRITY, NO_PFS, type Term } from "../spec/algorithms";

const cell = (term: Term<string | number>, platform: "routeros" | "tencent" | "alicloud"): string => {
  const [ike, ipsec] = term.dialects[platform];
  return `${ike ?? "—"} / ${ipsec ?? "—"}`;
};

function table(title: string, rows: readonly Term<string | number>[]): string {
  const lines = [
    `### ${title}`,
    "",
    "| spec value | weak | RouterOS (profile / proposal) | Tencent Cloud (IKE / IPsec) | Alibaba Cloud (ike / ipsec) |",
    "|---|---|---|---|---|",
    ...rows.map((t) => `| \`${t.canonical}\` | ${t.weak ? "yes" : ""} | ${cell(t, "routeros")} | ${cell(t, "tencent")} | ${cell(t, "alicloud")} |`),
  ];
  return lines.join("\n");
}

export function vocabularyMarkdown(): string {
  return [
    table("Encryption (`ike.encryption`, `ipsec.encryption`)", ENCRYPTION),
    table("Integrity (`ike.integrity`, `ipsec.integrity`)", INTEGRITY),
    table("Diffie-Hellman groups (`ike.dhGroup`, `ipsec.pfsGroup`)", [...DH_GROUPS, NO_PFS]),
  ].join("\n\n");
}

export const GENERATED_BEGIN = "<!-- generated: vocabulary (npm run docs) -->";
export const GENERATED_END = "<!-- end generated -->";

/** The document with its generated section replaced by the current tables. */
export function withVocabulary(document: string): string {
  const start = document.indexOf(GENERATED_BEGIN);
  const end = document.indexOf(GENERATED_END);
  if (start < 0 || end < start) throw new Error("docs/configuration.md lost its generated-section markers");
  return `${document.slice(0, start + GENERATED_BEGIN.length)}\n\n${vocabularyMarkdown()}\n\n${document.slice(end)}`;
}
