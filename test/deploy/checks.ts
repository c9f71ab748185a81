// Checks over rendered Kubernetes manifests and the compose file. Each returns a list of violations
// (empty = fine) so a failing test names every offending resource, not just the first.

/** A rendered Kubernetes object, loosely typed: the checks look only at what they need. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

interface Container {
  name: string;
  image?: string;
  env?: Array<{ name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }>;
  envFrom?: Array<{ configMapRef?: { name: string }; secretRef?: { name: string } }>;
  livenessProbe?: unknown;
  readinessProbe?: unknown;
  startupProbe?: unknown;
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
  securityContext?: {
    runAsNonRoot?: boolean;
    readOnlyRootFilesystem?: boolean;
    allowPrivilegeEscalation?: boolean;
    capabilities?: { drop?: string[] };
  };
  lifecycle?: { preStop?: unknown };
}

/** Environment variable names that hold secrets and so must come from a Secret. */
export const SECRET_NAME = /SECRET|PASSWORD|TOKEN|KEY/i;

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);

const podSpecOf = (o: K8sObject): { containers?: Container[]; initContainers?: Container[] } | undefined =>
  o.kind === 'CronJob' ? o.spec?.jobTemplate?.spec?.template?.spec : o.spec?.template?.spec;

const id = (o: K8sObject) => `${o.kind}/${o.metadata.name}`;

export const workloads = (objects: K8sObject[]) => objects.filter((o) => WORKLOAD_KINDS.has(o.kind));

export const containersOf = (o: K8sObject, withInit = true): Array<{ c: Container; init: boolean }> => {
  const pod = podSpecOf(o);
  return [
    ...(pod?.containers ?? []).map((c) => ({ c, init: false })),
    ...(withInit ? (pod?.initContainers ?? []).map((c) => ({ c, init: true })) : []),
  ];
};

/** Deployments and StatefulSets: every (main) container has liveness and readiness probes. */
export const missingProbes = (objects: K8sObject[]): string[] =>
  objects
    .filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet')
    .flatMap((o) =>
      containersOf(o, false).flatMap(({ c }) => [
        ...(c.livenessProbe ? [] : [`${id(o)} container ${c.name}: no livenessProbe`]),
        ...(c.readinessProbe ? [] : [`${id(o)} container ${c.name}: no readinessProbe`]),
      ]),
    );

/** Every container of every workload (init containers included): cpu and memory requests AND limits. */
export const missingResources = (objects: K8sObject[]): string[] =>
  workloads(objects).flatMap((o) =>
    containersOf(o).flatMap(({ c, init }) =>
      (['requests', 'limits'] as const).flatMap((kind) =>
        (['cpu', 'memory'] as const)
          .filter((r) => c.resources?.[kind]?.[r] === undefined || c.resources?.[kind]?.[r] === '')
          .map((r) => `${id(o)} ${init ? 'initContainer' : 'container'} ${c.name}: no ${kind}.${r}`),
      ),
    ),
  );

/** Secret-looking env names must be secretKeyRef, never a literal value (not even an empty one). */
export const literalSecretEnv = (objects: K8sObject[]): string[] =>
  workloads(objects).flatMap((o) =>
    containersOf(o).flatMap(({ c }) =>
      (c.env ?? [])
        .filter((e) => SECRET_NAME.test(e.name))
        .filter((e) => e.value !== undefined || !e.valueFrom?.secretKeyRef)
        .map((e) => `${id(o)} container ${c.name}: ${e.name} is not a secretKeyRef`),
    ),
  );

/** ConfigMaps are injected as plain environment: none may carry a secret-looking key. */
export const secretKeysInConfigMaps = (objects: K8sObject[]): string[] =>
  objects
    .filter((o) => o.kind === 'ConfigMap')
    .flatMap((o) =>
      Object.keys(o.data ?? {})
        .filter((k) => SECRET_NAME.test(k))
        .map((k) => `${id(o)}: key ${k} looks secret`),
    );

/** Secrets that carry values (production must have none: values come from the secret manager). */
export const secretsWithValues = (objects: K8sObject[]): string[] =>
  objects
    .filter((o) => o.kind === 'Secret')
    .filter((o) => Object.keys(o.data ?? {}).length > 0 || Object.keys(o.stringData ?? {}).length > 0)
    .map((o) => `${id(o)} carries ${Object.keys({ ...o.data, ...o.stringData }).join(', ')}`);

/** Names of the Secrets the workloads reference (env secretKeyRef, envFrom secretRef, secret volumes). */
export const referencedSecrets = (objects: K8sObject[]): Set<string> => {
  const names = new Set<string>();
  for (const o of workloads(objects)) {
    for (const { c } of containersOf(o)) {
      for (const e of c.env ?? []) if (e.valueFrom?.secretKeyRef) names.add(e.valueFrom.secretKeyRef.name);
      for (const e of c.envFrom ?? []) if (e.secretRef) names.add(e.secretRef.name);
    }
    const spec = podSpecOf(o) as { volumes?: Array<{ secret?: { secretName: string } }> } | undefined;
    const volumes = spec?.volumes ?? [];
    for (const v of volumes) if (v.secret) names.add(v.secret.secretName);
  }
  return names;
};

/**
 * An image reference with an explicit tag other than "latest", or a digest. A registry port
 * ("host:5000/app") is not a tag.
 */
export const imageProblem = (image: string | undefined): string | undefined => {
  if (!image) return 'no image';
  const [name, digest] = image.split('@') as [string, string | undefined];
  if (digest !== undefined)
    return /^sha256:[a-f0-9]{64}$/.test(digest) ? undefined : `bad digest in ${image}`;
  const last = name.slice(name.lastIndexOf('/') + 1);
  const tag = last.includes(':') ? last.slice(last.indexOf(':') + 1) : undefined;
  if (!tag) return `${image} has no tag`;
  if (tag === 'latest') return `${image} uses :latest`;
  return undefined;
};

export const untaggedImages = (objects: K8sObject[]): string[] =>
  workloads(objects).flatMap((o) =>
    containersOf(o).flatMap(({ c }) => {
      const p = imageProblem(c.image);
      return p ? [`${id(o)} container ${c.name}: ${p}`] : [];
    }),
  );

/** Each named Deployment has an autoscaling/v2 HPA on CPU that targets it. */
export const missingAutoscalers = (objects: K8sObject[], deployments: string[]): string[] =>
  deployments.flatMap((name) => {
    const hpa = objects.find(
      (o) =>
        o.kind === 'HorizontalPodAutoscaler' &&
        o.spec?.scaleTargetRef?.kind === 'Deployment' &&
        o.spec?.scaleTargetRef?.name === name,
    );
    if (!hpa) return [`Deployment/${name}: no HorizontalPodAutoscaler`];
    const problems: string[] = [];
    if (hpa.apiVersion !== 'autoscaling/v2')
      problems.push(`${id(hpa)}: apiVersion ${hpa.apiVersion}, not autoscaling/v2`);
    const cpu = (hpa.spec?.metrics ?? []).some(
      (m: { type?: string; resource?: { name?: string } }) =>
        m.type === 'Resource' && m.resource?.name === 'cpu',
    );
    if (!cpu) problems.push(`${id(hpa)}: no CPU resource metric`);
    if (!(hpa.spec?.minReplicas >= 1 && hpa.spec?.maxReplicas >= hpa.spec?.minReplicas)) {
      problems.push(`${id(hpa)}: min/max replicas ${hpa.spec?.minReplicas}/${hpa.spec?.maxReplicas}`);
    }
    return problems;
  });

const selects = (selector: Record<string, string> | undefined, labels: Record<string, string> | undefined) =>
  !!selector &&
  Object.keys(selector).length > 0 &&
  Object.entries(selector).every(([k, v]) => labels?.[k] === v);

/** Each named Deployment is covered by a PodDisruptionBudget. */
export const missingDisruptionBudgets = (objects: K8sObject[], deployments: string[]): string[] =>
  deployments.flatMap((name) => {
    const d = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === name);
    const labels = d?.spec?.template?.metadata?.labels;
    const pdb = objects.find(
      (o) => o.kind === 'PodDisruptionBudget' && selects(o.spec?.selector?.matchLabels, labels),
    );
    return pdb ? [] : [`Deployment/${name}: no PodDisruptionBudget selects its pods`];
  });

/** What the brief asks of every service Deployment beyond probes and resources. */
export const serviceDeploymentProblems = (objects: K8sObject[], deployments: string[]): string[] =>
  deployments.flatMap((name) => {
    const d = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === name);
    if (!d) return [`Deployment/${name}: missing`];
    const pod = d.spec.template.spec;
    const problems: string[] = [];
    if (!(pod.terminationGracePeriodSeconds > 0)) problems.push(`${id(d)}: no terminationGracePeriodSeconds`);
    if (pod.securityContext?.runAsNonRoot !== true)
      problems.push(`${id(d)}: pod securityContext.runAsNonRoot is not true`);
    for (const { c } of containersOf(d, false)) {
      const at = `${id(d)} container ${c.name}`;
      if (!c.startupProbe) problems.push(`${at}: no startupProbe`);
      if (!c.lifecycle?.preStop) problems.push(`${at}: no preStop hook`);
      const sc = c.securityContext;
      if (sc?.readOnlyRootFilesystem !== true) problems.push(`${at}: root filesystem is writable`);
      if (sc?.allowPrivilegeEscalation !== false)
        problems.push(`${at}: allowPrivilegeEscalation is not false`);
      if (!sc?.capabilities?.drop?.includes('ALL')) problems.push(`${at}: capabilities do not drop ALL`);
      const probePath = (p: unknown) => (p as { httpGet?: { path?: string } } | undefined)?.httpGet?.path;
      if (probePath(c.livenessProbe) !== '/health') problems.push(`${at}: liveness is not GET /health`);
      if (probePath(c.readinessProbe) !== '/ready') problems.push(`${at}: readiness is not GET /ready`);
    }
    return problems;
  });

/** Strimzi KafkaTopics for the given topic names: present, replicas 3, min.insync.replicas 2, on a known cluster. */
export const kafkaTopicProblems = (objects: K8sObject[], topics: string[]): string[] => {
  const clusters = new Set(objects.filter((o) => o.kind === 'Kafka').map((o) => o.metadata.name));
  const byTopic = new Map(
    objects
      .filter((o) => o.kind === 'KafkaTopic' && o.apiVersion.startsWith('kafka.strimzi.io/'))
      .map((o) => [o.spec?.topicName ?? o.metadata.name, o] as const),
  );
  return topics.flatMap((t) => {
    const o = byTopic.get(t);
    if (!o) return [`no KafkaTopic for ${t}`];
    const problems: string[] = [];
    if (o.spec?.replicas !== 3) problems.push(`${id(o)} (${t}): replicas ${o.spec?.replicas}, want 3`);
    if (Number(o.spec?.config?.['min.insync.replicas']) !== 2)
      problems.push(`${id(o)} (${t}): min.insync.replicas is not 2`);
    if (!(o.spec?.partitions >= 1)) problems.push(`${id(o)} (${t}): no partitions`);
    const cluster = o.metadata.labels?.['strimzi.io/cluster'];
    if (!cluster || !clusters.has(cluster))
      problems.push(`${id(o)} (${t}): strimzi.io/cluster "${cluster}" is not a Kafka in this overlay`);
    return problems;
  });
};

// ---------------------------------------------------------------- docker compose

interface ComposeService {
  image?: string;
  build?: unknown;
  restart?: string;
  labels?: Record<string, string> | string[];
  healthcheck?: { test?: unknown; disable?: boolean };
  ports?: Array<string | number | { host_ip?: string; published?: string | number; target?: number }>;
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
}
export interface ComposeFile {
  services: Record<string, ComposeService>;
}

const labelOf = (s: ComposeService, key: string): string | undefined =>
  Array.isArray(s.labels)
    ? s.labels.find((l) => l.startsWith(`${key}=`))?.slice(key.length + 1)
    : s.labels?.[key];

/** One-shot jobs (label ftt.one-shot=true) are exempt from healthchecks; everything else has one. */
export const composeHealthcheckProblems = (f: ComposeFile): string[] => {
  const problems: string[] = [];
  for (const [name, s] of Object.entries(f.services)) {
    if (labelOf(s, 'ftt.one-shot') === 'true') {
      if (s.restart !== 'no') problems.push(`${name}: one-shot job must have restart: "no"`);
      const awaited = Object.values(f.services).some(
        (other) =>
          other.depends_on &&
          !Array.isArray(other.depends_on) &&
          other.depends_on[name]?.condition === 'service_completed_successfully',
      );
      if (!awaited)
        problems.push(`${name}: one-shot job that nothing awaits with service_completed_successfully`);
      continue;
    }
    if (!s.healthcheck || s.healthcheck.disable || !s.healthcheck.test)
      problems.push(`${name}: no healthcheck`);
    else if (Array.isArray(s.healthcheck.test) && s.healthcheck.test[0] === 'NONE')
      problems.push(`${name}: healthcheck is NONE`);
  }
  return problems;
};

/** Every published port binds 127.0.0.1 (short syntax "127.0.0.1:host:container" or long syntax host_ip). */
export const composePortProblems = (f: ComposeFile): string[] =>
  Object.entries(f.services).flatMap(([name, s]) =>
    (s.ports ?? []).flatMap((p) => {
      if (typeof p === 'object')
        return p.host_ip === '127.0.0.1'
          ? []
          : [`${name}: port ${JSON.stringify(p)} does not bind 127.0.0.1`];
      return String(p).startsWith('127.0.0.1:') ? [] : [`${name}: port "${p}" does not bind 127.0.0.1`];
    }),
  );

/**
 * Secret-looking variables are interpolated from outside the file: `${NAME:?message}` (required),
 * `${NAME}`, or `${NAME:-}` (empty = feature off). A literal, or a non-empty default, is a leak.
 */
export const INTERPOLATED_NO_DEFAULT = /^\$\{[A-Za-z_][A-Za-z0-9_]*(?::?\?[^}]*|:?-)?\}$/;

export const composeSecretProblems = (f: ComposeFile): string[] =>
  Object.entries(f.services).flatMap(([name, s]) => {
    const entries: Array<[string, string | undefined]> = Array.isArray(s.environment)
      ? s.environment.map((e) => {
          const i = e.indexOf('=');
          return i < 0 ? [e, undefined] : [e.slice(0, i), e.slice(i + 1)];
        })
      : Object.entries(s.environment ?? {}).map(([k, v]) => [
          k,
          v === null || v === undefined ? undefined : String(v),
        ]);
    return entries
      .filter(([k]) => SECRET_NAME.test(k))
      .filter(([, v]) => v !== undefined && !INTERPOLATED_NO_DEFAULT.test(v))
      .map(([k, v]) => `${name}: ${k} has a literal value (${v === '' ? 'empty string' : 'redacted'})`);
  });

export const composeImageProblems = (f: ComposeFile): string[] =>
  Object.entries(f.services).flatMap(([name, s]) => {
    if (!s.image) return s.build ? [] : [`${name}: no image and no build`];
    const p = imageProblem(s.image.replace(/\$\{[^}:]+:-([^}]*)\}/g, '$1'));
    return p ? [`${name}: ${p}`] : [];
  });
