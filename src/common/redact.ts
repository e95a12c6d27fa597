// Secrets cut out of text that leaves the process (error messages of the cloud clients).

/** `text` with every occurrence of each secret replaced by [secret]. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join("[secret]");
  return out;
}
