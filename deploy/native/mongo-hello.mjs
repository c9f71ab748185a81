// Readiness probe for the native database server, without a driver: sends one MongoDB OP_MSG to 127.0.0.1:<port>
// and exits 0 when the reply is an OP_MSG whose document says ok: 1.
//   node deploy/native/mongo-hello.mjs <port>          `hello`: the server answers
//   node deploy/native/mongo-hello.mjs <port> --write  an upsert into ftt_probe.probe: the server also stores data
//                                                      (a server whose data folder was removed answers hello but
//                                                      fails writes, e.g. with a WiredTiger panic)
import { connect } from 'node:net';
import { setTimeout } from 'node:timers';

const OP_MSG = 2013;
const port = Number(process.argv[2]);
const write = process.argv.includes('--write');

const cstring = (s) => Buffer.from(`${s}\0`);
const int32 = (n) => {
  const b = Buffer.alloc(4);
  b.writeInt32LE(n);
  return b;
};
const int64 = (n) => {
  const b = Buffer.alloc(8);
  b.writeBigInt64LE(BigInt(n));
  return b;
};
// A BSON document from [type byte, name, value bytes] elements.
const bson = (elements) => {
  const body = Buffer.concat(
    elements.flatMap(([type, name, value]) => [Buffer.from([type]), cstring(name), value]),
  );
  return Buffer.concat([int32(body.length + 5), body, Buffer.from([0])]);
};
const str = (s) => Buffer.concat([int32(Buffer.byteLength(s) + 1), cstring(s)]);

const command = write
  ? bson([
      [0x02, 'update', str('probe')],
      [
        0x04,
        'updates',
        bson([
          [
            0x03,
            '0',
            bson([
              [0x03, 'q', bson([[0x02, '_id', str('probe')]])],
              [0x03, 'u', bson([[0x03, '$set', bson([[0x12, 'at', int64(Date.now())]])]])],
              [0x08, 'upsert', Buffer.from([1])],
            ]),
          ],
        ]),
      ],
      [0x02, '$db', str('ftt_probe')],
    ])
  : bson([
      [0x10, 'hello', int32(1)],
      [0x02, '$db', str('admin')],
    ]);
const body = Buffer.concat([int32(0) /* flagBits */, Buffer.from([0]) /* section kind 0 */, command]);
const header = Buffer.concat([int32(16 + body.length), int32(1), int32(0), int32(OP_MSG)]);

// ok: 1 is the double 1.0 (0x01 "ok" 00 00 00 00 00 00 f0 3f); a write also answers without writeErrors.
const okOne = Buffer.concat([
  Buffer.from([0x01]),
  cstring('ok'),
  Buffer.from([0, 0, 0, 0, 0, 0, 0xf0, 0x3f]),
]);
const socket = connect(port, '127.0.0.1', () => socket.write(Buffer.concat([header, body])));
let reply = Buffer.alloc(0);
socket.on('data', (d) => {
  reply = Buffer.concat([reply, d]);
  if (reply.length < 4 || reply.length < reply.readInt32LE(0)) return;
  const ok =
    reply.readInt32LE(12) === OP_MSG && reply.includes(okOne) && !reply.includes(cstring('writeErrors'));
  socket.destroy();
  process.exit(ok ? 0 : 1);
});
socket.on('error', () => process.exit(1));
setTimeout(() => process.exit(1), write ? 5000 : 2000).unref();
