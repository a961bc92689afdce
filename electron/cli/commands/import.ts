// Placeholder until the owning work lands; replaced by the real command.
export const summary = "(not available yet)";
export async function run(_argv: string[]): Promise<number> {
  process.stderr.write("quire import: not available yet\n");
  return 2;
}
