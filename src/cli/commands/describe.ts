import { Command, Option } from 'commander';
import { bytesToDisplay, bytesToJson } from '../byte-encoding';
import { addConnectionFlags, type ConnectionFlags } from '../connection-flags';
import { withConnection } from '../context';

/** @internal `describe <table>`: the column families with their settings, and the regions. */
export function describeCommand(): Command {
  const command = new Command('describe')
    .description('show the column families of a table (with their settings) and its regions')
    .argument('<table>', 'table name (the table prefix, if any, is added)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'));
  addConnectionFlags(command);
  return command.action(async (name: string, flags: ConnectionFlags & { format: 'text' | 'json' }) => {
    await withConnection(flags, async ({ connection, out }) => {
      const table = connection.table(name);
      const families = await table.families();
      const regions = (await table.regions()).map((region) => ({
        name: region.name,
        startKey: region.startKey,
        endKey: region.endKey,
        server: region.serverName.toString('utf8'),
        port: region.port,
      }));
      if (flags.format === 'json') {
        const json = {
          table: name,
          families: Object.values(families),
          regions: regions.map((r) => ({
            ...r,
            name: bytesToJson(r.name),
            startKey: bytesToJson(r.startKey),
            endKey: bytesToJson(r.endKey),
          })),
        };
        await out.write(`${JSON.stringify(json, null, 2)}\n`);
        return;
      }
      let text = `table ${name}\nfamilies:\n`;
      for (const family of Object.values(families).sort((a, b) => a.name.localeCompare(b.name))) {
        const { name: familyName, ...settings } = family;
        const shown = Object.entries(settings)
          .filter(([, value]) => value !== undefined)
          .map(([key, value]) => `${key}=${value}`)
          .join(', ');
        text += `  ${familyName}  ${shown}\n`;
      }
      text += `regions: ${regions.length}\n`;
      for (const region of regions) {
        const start = region.startKey.length === 0 ? '(start)' : bytesToDisplay(region.startKey);
        const end = region.endKey.length === 0 ? '(end)' : bytesToDisplay(region.endKey);
        text += `  ${start} .. ${end}  on ${region.server}:${region.port}\n`;
      }
      await out.write(text);
    });
  });
}
