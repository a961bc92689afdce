/**
 * `quire <command>`: each command lives in its own module under ./commands and is loaded
 * only when asked for, so `quire plan --no-model` never pays for node-llama-cpp.
 */
import { UsageError } from "./args";

type Command = { run(argv: string[]): Promise<number>; summary: string };

const commands: Record<string, () => Promise<Command>> = {
  serve: () => import("./commands/serve"),
  plan: () => import("./commands/plan"),
  draft: () => import("./commands/draft"),
  eval: () => import("./commands/eval"),
  export: () => import("./commands/export"),
  import: () => import("./commands/import"),
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    const lines = await Promise.all(
      Object.entries(commands).map(async ([n, load]) => `  quire ${n.padEnd(8)} ${(await load()).summary}`),
    );
    process.stdout.write(`Usage: quire <command> [options]\n\nCommands:\n${lines.join("\n")}\n`);
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`quire: unknown command "${name}". Run "quire --help" for the list.\n`);
    return 2;
  }
  const command = await load();
  try {
    return await command.run(rest);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`quire ${name}: ${error.message}\nusage: ${command.summary.split(": ")[1]}\n`);
    return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`quire: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
