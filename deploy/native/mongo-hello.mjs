// Readiness probe for the native database server: sends one MongoDB OP_MSG `hello` to
// 127.0.0.1:<port> and exits 0 when the reply is an OP_MSG whose document says ok (no driver needed).
// Usage: node deploy/native/mongo-hello.mjs <port>
import { connect } from 'node:net';
import { setTimeout } from 'node:timers';

const OP_MSG = 2013;
const port = Number(process.argv[2]);

const cstring = (s) => Buffer.from(`${s}\0`);
const int32 = (n) => {
  const b = Buffer.alloc(4);
  b.writeInt32LE(n);
  return b;
};
// BSON { hello: 1, $db: "admin" }
const elements = Buffer.concat([
  Buffer.from([0x10]),
  cstring('hello'),
  int32(1),
  Buffer.from([0x02]),
  cstring('$db'),
  int32(6),
  cstring('admin'),
]);
const doc = Buffer.concat([int32(elements.length + 5), elements, Buffer.from([0])]);
const body = Buffer.concat([int32(0) /* flagBits */, Buffer.from([0]) /* section kind 0 */, doc]);
const header = Buffer.concat([int32(16 + body.length), int32(1), int32(0), int32(OP_MSG)]);

const socket = connect(port, '127.0.0.1', () => socket.write(Buffer.concat([header, body])));
let reply = Buffer.alloc(0);
socket.on('data', (d) => {
  reply = Buffer.concat([reply, d]);
  if (reply.length < 4 || reply.length < reply.readInt32LE(0)) return;
  // ok: 1 is a double (0x01) named "ok" followed by 1.0
  const ok =
    reply.readInt32LE(12) === OP_MSG && reply.includes(Buffer.concat([Buffer.from([0x01]), cstring('ok')]));
  socket.destroy();
  process.exit(ok ? 0 : 1);
});
socket.on('error', () => process.exit(1));
setTimeout(() => process.exit(1), 2000).unref();
