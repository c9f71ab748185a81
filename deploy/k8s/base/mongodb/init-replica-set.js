// Run by the mongodb-init Job: `mongosh --nodb --quiet /scripts/init-replica-set.js`.
// Idempotent: initiates the replica set once, then creates (or re-sets the password of) one user per
// service with readWrite on that service's database only. Secrets come from the environment, never
// from the command line.
const ns = process.env.POD_NAMESPACE;
const rsName = process.env.MONGO_REPLICA_SET || 'rs0';
const members = Number(process.env.MONGO_MEMBERS || '3');
const rootUser = process.env.MONGO_ROOT_USERNAME;
const rootPwd = process.env.MONGO_ROOT_PASSWORD;
const services = ['catalog', 'orders', 'logistics', 'notifications', 'identity'];

if (!ns || !rootUser || !rootPwd)
  throw new Error('POD_NAMESPACE, MONGO_ROOT_USERNAME and MONGO_ROOT_PASSWORD are required');
const hosts = Array.from({ length: members }, (_, i) => `mongodb-${i}.mongodb.${ns}.svc.cluster.local:27017`);

const retry = (what, fn, attempts = 150) => {
  for (let i = 1; ; i++) {
    try {
      return fn();
    } catch (e) {
      if (i >= attempts) throw e;
      print(`${what}: ${e.message} (attempt ${i}/${attempts})`);
      sleep(2000);
    }
  }
};

const connectAsRoot = (uri) => {
  const conn = new Mongo(uri);
  conn.getDB('admin').auth(rootUser, rootPwd);
  return conn;
};

// 1. Every member answers (ping needs no authentication).
for (const h of hosts) {
  retry(`waiting for ${h}`, () => {
    const r = new Mongo(`mongodb://${h}/?directConnection=true`).getDB('admin').runCommand({ ping: 1 });
    if (r.ok !== 1) throw new Error(tojson(r));
  });
}

// 2. Initiate from the first member, once.
const first = retry('authenticating on the first member', () =>
  connectAsRoot(`mongodb://${hosts[0]}/?directConnection=true`),
);
const status = first.getDB('admin').runCommand({ replSetGetStatus: 1 });
if (status.ok === 1) {
  print(`replica set ${status.set} is already initiated`);
} else if (status.codeName === 'NotYetInitialized') {
  const config = { _id: rsName, members: hosts.map((host, i) => ({ _id: i, host })) };
  const r = first.getDB('admin').runCommand({ replSetInitiate: config });
  if (r.ok !== 1) throw new Error(`replSetInitiate failed: ${tojson(r)}`);
  print(`replica set ${rsName} initiated with ${members} members`);
} else {
  throw new Error(`replSetGetStatus failed: ${tojson(status)}`);
}

// 3. Service users, through the primary.
const rs = retry('waiting for a primary', () => {
  const conn = connectAsRoot(`mongodb://${hosts.join(',')}/?replicaSet=${rsName}`);
  if (!conn.getDB('admin').runCommand({ hello: 1 }).isWritablePrimary) throw new Error('no primary yet');
  return conn;
});
for (const svc of services) {
  const variable = `MONGO_${svc.toUpperCase()}_PASSWORD`;
  const pwd = process.env[variable];
  if (!pwd) throw new Error(`${variable} is not set`);
  const db = rs.getDB(`ftt_${svc}`);
  const roles = [{ role: 'readWrite', db: `ftt_${svc}` }];
  if (db.getUser(svc)) {
    db.updateUser(svc, { pwd, roles });
    print(`user ${svc} updated`);
  } else {
    db.createUser({ user: svc, pwd, roles });
    print(`user ${svc} created`);
  }
}
print('mongodb-init done');
