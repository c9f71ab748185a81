import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Topics, deadLetterTopic } from '@ftt/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import {
  containersOf,
  workloads,
  type K8sObject,
  imageProblem,
  kafkaTopicProblems,
  literalSecretEnv,
  missingAutoscalers,
  missingDisruptionBudgets,
  missingProbes,
  missingResources,
  referencedSecrets,
  secretKeysInConfigMaps,
  secretsWithValues,
  serviceDeploymentProblems,
  untaggedImages,
} from './checks';

// Renders every overlay in deploy/k8s/overlays with scripts/render-k8s.sh (kustomize, installed from the
// Go module proxy on first use) and checks the manifests a cluster would receive.

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const overlays = readdirSync(join(root, 'deploy', 'k8s', 'overlays'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const SERVICES = ['catalog', 'orders', 'logistics', 'notifications', 'identity'];
const ALL_TOPICS = Object.values(Topics).flatMap((t) => [t, deadLetterTopic(t)]);

const render = (overlay: string): K8sObject[] => {
  const out = execFileSync('bash', [join(root, 'scripts', 'render-k8s.sh'), overlay], {
    cwd: root,
    encoding: 'utf8',
    timeout: 900_000, // the first run builds kustomize with `go install`
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return parseAllDocuments(out).flatMap((doc) => {
    if (doc.errors.length) throw new Error(`overlay ${overlay}: unparseable YAML: ${doc.errors[0]!.message}`);
    const js = doc.toJS() as K8sObject | null;
    return js ? [js] : [];
  });
};

describe('the overlays', () => {
  it('when the overlays folder is listed, then there are a local and a production overlay', () => {
    expect(overlays).toEqual(expect.arrayContaining(['local', 'production']));
  });
});

describe.each(overlays)('overlay %s, when rendered', (overlay) => {
  let objects: K8sObject[] = [];
  beforeAll(() => {
    objects = render(overlay);
  }, 900_000);

  it('then it yields identity and the four services, the web server, Kafka and MongoDB', () => {
    const names = (kind: string) => objects.filter((o) => o.kind === kind).map((o) => o.metadata.name);
    expect(names('Deployment')).toEqual(expect.arrayContaining([...SERVICES, 'web']));
    expect(names('Kafka')).toHaveLength(1);
    expect(names('StatefulSet')).toContain('mongodb');
  });

  it('then every Deployment/StatefulSet container has liveness and readiness probes', () => {
    expect(missingProbes(objects)).toEqual([]);
  });

  it('then every workload container has cpu and memory requests and limits', () => {
    expect(missingResources(objects)).toEqual([]);
  });

  it('then each service Deployment has a CPU HorizontalPodAutoscaler (autoscaling/v2) and a PodDisruptionBudget', () => {
    expect(missingAutoscalers(objects, SERVICES)).toEqual([]);
    expect(missingDisruptionBudgets(objects, SERVICES)).toEqual([]);
  });

  it('then each service Deployment has a startup probe, a preStop hook, a grace period and a locked-down securityContext', () => {
    expect(serviceDeploymentProblems(objects, SERVICES)).toEqual([]);
  });

  it('then no container gets a secret-looking variable as a literal value, and no ConfigMap holds one', () => {
    expect(literalSecretEnv(objects)).toEqual([]);
    expect(secretKeysInConfigMaps(objects)).toEqual([]);
  });

  it('then every image has an explicit tag that is not latest', () => {
    expect(untaggedImages(objects)).toEqual([]);
  });

  it('then the web server serves the app on the origin identity trusts, proxying to the services in the cluster, with no secret', () => {
    const config = (name: string) =>
      objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === name)!.data!;
    const web = config('web-config');
    expect(web.PUBLIC_URL).toBe(config('identity-config').APP_URL);
    expect(web.PUBLIC_URL).toMatch(overlay === 'local' ? /^http:\/\/127\.0\.0\.1:8080$/ : /^https:\/\//);
    const port = (svc: string) =>
      objects.find((o) => o.kind === 'Service' && o.metadata.name === svc)!.spec.ports[0].port;
    for (const svc of SERVICES)
      expect(web[`${svc.toUpperCase()}_URL`], svc).toBe(`http://${svc}:${port(svc)}`);
    const deployment = workloads(objects).find((o) => o.metadata.name === 'web')!;
    expect(containersOf(deployment).flatMap(({ c }) => c.env ?? [])).toEqual([]);
  });

  it("then the services verify tokens with identity's published keys, and only identity gets identity's secret", () => {
    const common = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'ftt-common-config')!;
    const identitySvc = objects.find((o) => o.kind === 'Service' && o.metadata.name === 'identity')!;
    expect(common.data?.AUTH_JWKS_URL).toBe(
      `http://identity:${identitySvc.spec.ports[0].port}/.well-known/jwks.json`,
    );
    const mounts = (secret: RegExp) =>
      workloads(objects)
        .filter((o) =>
          containersOf(o).some(({ c }) =>
            (c.env ?? []).some((e) => secret.test(e.valueFrom?.secretKeyRef?.name ?? '')),
          ),
        )
        .map((o) => o.metadata.name);
    expect(mounts(/^ftt-identity-secrets/)).toEqual(['identity']);
    const envNames = workloads(objects).flatMap((o) =>
      containersOf(o).flatMap(({ c }) => (c.env ?? []).map((e) => e.name)),
    );
    expect(envNames).not.toContain('AUTH_JWT_SECRET');
    expect(envNames.filter((n) => n === 'BETTER_AUTH_SECRET')).toHaveLength(1);
  });

  it('then Strimzi KafkaTopics exist for every event topic and its dead-letter topic, with replicas 3', () => {
    expect(ALL_TOPICS).toHaveLength(12); // six topics (the readings and people topics too) and their dead letters
    expect(kafkaTopicProblems(objects, ALL_TOPICS)).toEqual([]);
  });

  it('then the Kafka cluster runs KRaft node pools totalling 3 controllers and 3 brokers', () => {
    const kafka = objects.find((o) => o.kind === 'Kafka')!;
    const pools = objects.filter(
      (o) => o.kind === 'KafkaNodePool' && o.metadata.labels?.['strimzi.io/cluster'] === kafka.metadata.name,
    );
    const count = (role: string) =>
      pools
        .filter((p) => (p.spec?.roles ?? []).includes(role))
        .reduce((n, p) => n + Number(p.spec?.replicas ?? 0), 0);
    expect({ controllers: count('controller'), brokers: count('broker') }).toEqual({
      controllers: 3,
      brokers: 3,
    });
    expect(kafka.spec?.zookeeper).toBeUndefined();
  });

  it('then the services are pointed at that Kafka cluster and the MongoDB replica set', () => {
    const kafka = objects.find((o) => o.kind === 'Kafka')!;
    const common = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'ftt-common-config')!;
    expect(common.data?.KAFKA_BROKERS).toBe(`${kafka.metadata.name}-kafka-bootstrap:9092`);
    const sts = objects.find((o) => o.kind === 'StatefulSet' && o.metadata.name === 'mongodb')!;
    expect(sts.spec.replicas).toBe(3);
    const headless = objects.find((o) => o.kind === 'Service' && o.metadata.name === sts.spec.serviceName);
    expect(headless?.spec?.clusterIP).toBe('None');
    for (const i of [0, 1, 2])
      expect(common.data?.MONGO_HOSTS).toContain(`mongodb-${i}.${sts.spec.serviceName}:27017`);
  });

  if (overlay === 'production') {
    it('then no Secret carries data or stringData: values come from the secret manager', () => {
      expect(secretsWithValues(objects)).toEqual([]);
    });

    it('then every Secret a workload references is produced by an ExternalSecret', () => {
      const produced = new Set(
        objects
          .filter((o) => o.kind === 'ExternalSecret')
          .map((o) => (o.spec?.target?.name as string | undefined) ?? o.metadata.name),
      );
      const unprovided = [...referencedSecrets(objects)].filter((n) => !produced.has(n));
      expect(unprovided).toEqual([]);
    });
  }

  if (overlay === 'local') {
    it('then the Secrets are generated (hash-suffixed) and every reference points at one of them', () => {
      const secrets = new Set(objects.filter((o) => o.kind === 'Secret').map((o) => o.metadata.name));
      expect([...referencedSecrets(objects)].filter((n) => !secrets.has(n))).toEqual([]);
      for (const n of secrets) expect(n).toMatch(/-[a-z0-9]{10}$/);
    });
  }
});

// The checks must be able to fail: each is run once on a manifest that breaks its rule.
describe('the manifest checks themselves', () => {
  const badDeployment: K8sObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'bad' },
    spec: {
      template: {
        metadata: { labels: { app: 'bad' } },
        spec: {
          containers: [
            {
              name: 'app',
              image: 'fieldtotable/bad:latest',
              env: [
                { name: 'BETTER_AUTH_SECRET', value: 'x'.repeat(32) },
                { name: 'MONGO_PASSWORD', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' } } },
              ],
              resources: { requests: { cpu: '100m' } },
            },
          ],
          initContainers: [{ name: 'init', image: 'busybox' }],
        },
      },
    },
  };

  it('when a container lacks probes, resources, a tag and uses literal secrets, then each rule reports it', () => {
    const objs = [badDeployment];
    expect(missingProbes(objs)).toEqual([
      'Deployment/bad container app: no livenessProbe',
      'Deployment/bad container app: no readinessProbe',
    ]);
    expect(missingResources(objs)).toEqual(
      expect.arrayContaining([
        'Deployment/bad container app: no requests.memory',
        'Deployment/bad initContainer init: no limits.cpu',
      ]),
    );
    expect(literalSecretEnv(objs)).toEqual([
      'Deployment/bad container app: BETTER_AUTH_SECRET is not a secretKeyRef',
      'Deployment/bad container app: MONGO_PASSWORD is not a secretKeyRef',
    ]);
    expect(untaggedImages(objs)).toEqual([
      'Deployment/bad container app: fieldtotable/bad:latest uses :latest',
      'Deployment/bad container init: busybox has no tag',
    ]);
    expect(missingAutoscalers(objs, ['bad'])).toEqual(['Deployment/bad: no HorizontalPodAutoscaler']);
    expect(missingDisruptionBudgets(objs, ['bad'])).toEqual([
      'Deployment/bad: no PodDisruptionBudget selects its pods',
    ]);
    expect(serviceDeploymentProblems(objs, ['bad']).length).toBeGreaterThan(5);
  });

  it('when a Secret holds values or a ConfigMap holds a secret-looking key, then they are reported', () => {
    const objs: K8sObject[] = [
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { BETTER_AUTH_SECRET: 'x' } },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'empty' } },
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'c' },
        data: { STRIPE_SECRET_KEY: 'sk_live_x', PORT: '1' },
      },
    ];
    expect(secretsWithValues(objs)).toEqual(['Secret/s carries BETTER_AUTH_SECRET']);
    expect(secretKeysInConfigMaps(objs)).toEqual(['ConfigMap/c: key STRIPE_SECRET_KEY looks secret']);
  });

  it('when a topic is missing, under-replicated or on an unknown cluster, then it is reported', () => {
    const topic = (name: string, replicas: number, cluster = 'k'): K8sObject => ({
      apiVersion: 'kafka.strimzi.io/v1',
      kind: 'KafkaTopic',
      metadata: { name: name.replaceAll('.', '-'), labels: { 'strimzi.io/cluster': cluster } },
      spec: { topicName: name, partitions: 12, replicas, config: { 'min.insync.replicas': 2 } },
    });
    const objs: K8sObject[] = [
      { apiVersion: 'kafka.strimzi.io/v1', kind: 'Kafka', metadata: { name: 'k' } },
      topic('a', 3),
      topic('b', 1),
      topic('c', 3, 'other'),
    ];
    expect(kafkaTopicProblems(objs, ['a', 'b', 'c', 'd'])).toEqual([
      'KafkaTopic/b (b): replicas 1, want 3',
      'KafkaTopic/c (c): strimzi.io/cluster "other" is not a Kafka in this overlay',
      'no KafkaTopic for d',
    ]);
  });

  it('when image references are parsed, then a registry port is not a tag and digests are accepted', () => {
    expect(imageProblem('registry.local:5000/ftt/orders')).toBe('registry.local:5000/ftt/orders has no tag');
    expect(imageProblem('registry.local:5000/ftt/orders:1.2.3')).toBeUndefined();
    expect(imageProblem(`ftt/orders@sha256:${'a'.repeat(64)}`)).toBeUndefined();
    expect(imageProblem('mongo')).toBe('mongo has no tag');
  });
});
