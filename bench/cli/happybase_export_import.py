"""The CLI's export and import written with HappyBase, for bench/cli/compare.mjs: the same file
format (a header line, then one JSON object per row; bytes as UTF-8 strings or {"base64": ...};
timestamps kept), the same batch size, cells grouped by timestamp on import as the CLI does
(HappyBase's batches take one timestamp each, as the Thrift1 API does). Usage:

    python happybase_export_import.py export|import --table=t --file=f.jsonl [--host= --port= --batch-size=]
"""

import base64
import json
import sys

import happybase


def encode(data):
    try:
        return data.decode('utf-8')
    except UnicodeDecodeError:
        return {'base64': base64.b64encode(data).decode('ascii')}


def decode(value):
    return value.encode('utf-8') if isinstance(value, str) else base64.b64decode(value['base64'])


def main(argv):
    command = argv[0]
    args = dict(arg[2:].split('=', 1) for arg in argv[1:])
    batch_size = int(args.get('batch-size', '1000'))
    connection = happybase.Connection(args.get('host', 'localhost'), int(args.get('port', '9090')),
                                      table_prefix=args.get('table-prefix') or None)
    table = connection.table(args['table'])
    rows = 0
    if command == 'export':
        families = {name.decode(): {} for name in table.families()}
        with open(args['file'], 'w', encoding='utf-8') as out:
            out.write(json.dumps({'format': 'hbase-mapper-export', 'version': 1, 'table': args['table'],
                                  'families': families, 'bytes': 'utf8-or-base64',
                                  'timestamps': 'milliseconds', 'exportedAt': ''}) + '\n')
            for key, data in table.scan(include_timestamp=True, batch_size=batch_size):
                cells = [{'column': encode(column), 'value': encode(value), 'timestamp': ts}
                         for column, (value, ts) in data.items()]
                out.write(json.dumps({'key': encode(key), 'cells': cells}, ensure_ascii=False,
                                     separators=(',', ':')) + '\n')
                rows += 1
    else:
        with open(args['file'], encoding='utf-8') as source:
            source.readline()
            chunk = []
            for line in source:
                if line.strip():
                    chunk.append(json.loads(line))
                    if len(chunk) >= batch_size:
                        write_chunk(table, chunk)
                        rows += len(chunk)
                        chunk = []
            write_chunk(table, chunk)
            rows += len(chunk)
    connection.close()
    print(json.dumps({'rows': rows}))


def write_chunk(table, chunk):
    """One batch per timestamp, as the CLI's import groups a chunk's cells."""
    groups = {}
    for row in chunk:
        key = decode(row['key'])
        for cell in row['cells']:
            per_row = groups.setdefault(int(cell['timestamp']), {}).setdefault(key, {})
            per_row[decode(cell['column'])] = decode(cell['value'])
    for ts, rows in groups.items():
        with table.batch(timestamp=ts) as batch:
            for key, data in rows.items():
                batch.put(key, data)


if __name__ == '__main__':
    main(sys.argv[1:])
