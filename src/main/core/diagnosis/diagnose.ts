import { DEFAULT_FALLBACK_URL, compareFindings, type Diagnosis, type OrchestratorTarget } from '../../../shared/model/index.ts';
import { builtinChecks } from '../checks/builtin-checks.ts';
import type { CheckScope } from '../checks/check.ts';
import { orchestratorTargetFacts } from '../checks/check-facts.ts';
import { runChecks } from '../checks/run-checks.ts';
import { DiagnoseInputError } from '../errors.ts';
import { collectFindings } from '../findings/collect-findings.ts';
import { configFindings } from '../findings/config.rules.ts';
import { pickConfiguredUrl } from '../orchestrator/configured-url.ts';
import { DEFAULT_HEALTH_PATH } from '../orchestrator/resolve-target.ts';
import type { WorkspacePort } from '../ports/workspace.port.ts';
import { detectRuntime } from '../runtime/detect-runtime.ts';
import type { DiagnoseDeps } from './diagnose-deps.ts';
import type { ResolvedDiagnoseOptions } from './diagnose-options.ts';
import { checkEngine } from './engine-check.ts';
import { buildServiceReports } from './service-reports.ts';
import { buildTruthMatrix } from './truth-matrix.ts';
import { verdictOf } from './verdict.ts';

/**
 * One diagnosis run: workspace → runtime + engine → discovery → (config invalid? stop) → every registered
 * check at once → findings, verdict, truth matrix. Rejects only with DiagnoseInputError; stack problems are
 * findings.
 */
export async function diagnose(deps: DiagnoseDeps, options: ResolvedDiagnoseOptions): Promise<Diagnosis> {
  const { clock } = deps;
  const correlationId = options.correlationId ?? deps.newId();
  const log = deps.logger.child({ correlationId });
  const started = clock.now();
  const checkedAt = clock.date().toISOString();
  // The engine is asked first and meanwhile the workspace is checked and the runtime read: the listing is the
  // longest wait before discovery, and none of the three needs another. It never rejects (failures are values).
  const engineCheck = checkEngine(deps.engine, options.timeoutMs, clock);
  // Discovery and its parsers (yaml, jsonc, the config schema: ~15 ms to load in a fresh process) load while the
  // engine answers, instead of before the diagnosis starts; a module already loaded costs nothing here.
  const discoveryModule = import('../discovery/discover-stack.ts');
  const signalsRead = deps.runtime.read();
  const workspace = await resolveWorkspace(deps.workspace, options.workspace);
  log.info({ workspace, timeoutMs: options.timeoutMs }, 'diagnosis started');

  const [signals, engine] = await Promise.all([signalsRead, engineCheck]);
  const runtime = detectRuntime(signals, { containers: engine.containers });
  if (!engine.report.ok) log.warn({ endpoint: engine.report.endpoint, error: engine.report.probe.error }, 'docker engine unreachable');
  const timings: Record<string, number> = { engine: elapsedSince(clock, started) };

  const { discoverStack } = await discoveryModule;
  const discovery = await discoverStack(deps.workspace, {
    workspace,
    extraProjects: options.projects,
    containers: engine.containers,
  });
  timings['discovery'] = elapsedSince(clock, started);
  const { stack, config } = discovery;
  const configured = pickConfiguredUrl({
    override: options.orchestratorUrl,
    settings: { orchestratorUrl: options.settingsOrchestratorUrl },
    config,
    ...(discovery.configFile ? { configFile: discovery.configFile } : {}),
    env: options.env,
  });

  const finish = (
    parts: Omit<Diagnosis, 'verdict' | 'checkedAt' | 'durationMs' | 'correlationId' | 'workspace' | 'runtime' | 'engine'>,
  ): Diagnosis => {
    const findings = [...parts.findings].sort(compareFindings);
    const diagnosis: Diagnosis = {
      verdict: verdictOf(findings),
      checkedAt,
      durationMs: Math.max(0, clock.now() - started),
      correlationId,
      workspace,
      runtime,
      engine: engine.report,
      ...parts,
      findings,
    };
    // timings: ms since the start at which each phase (and each check) ended, to see where a run's time goes.
    log.info(
      { verdict: diagnosis.verdict, durationMs: diagnosis.durationMs, findings: findings.map((f) => f.id), timings },
      'diagnosis finished',
    );
    return diagnosis;
  };

  if (discovery.issues.length > 0) {
    // Probing a stack described by a broken file would report on the wrong thing: report the file only.
    return finish({
      orchestrator: notChecked(configured, 'Not checked: the configuration is invalid.'),
      projects: [],
      services: [],
      findings: configFindings(discovery.issues),
      otherProjects: discovery.otherProjects,
    });
  }

  const timeoutMs = options.timeoutExplicit ? options.timeoutMs : (config.probe?.timeoutMs ?? options.timeoutMs);
  const scope: CheckScope = {
    stack,
    services: stack.services,
    config,
    engine: engine.report,
    runtime,
    containers: engine.containers,
    networks: engine.networks,
    timeoutMs,
    timeoutOf: (service) => config.services?.[service.name]?.timeoutMs ?? timeoutMs,
    orchestrator: {
      configuredUrl: configured.url,
      configuredFrom: configured.from,
      fallbackUrl: config.orchestrator?.fallbackUrl ?? DEFAULT_FALLBACK_URL,
      aliases: [...new Set([...stack.aliases, ...(config.orchestrator?.aliases ?? [])])],
      healthPath: config.orchestrator?.healthPath ?? DEFAULT_HEALTH_PATH,
      timeoutMs,
      headers: { 'X-Correlation-ID': correlationId },
    },
  };
  const checks = (deps.checks ?? builtinChecks()).list();
  const facts = await runChecks(
    checks,
    scope,
    { engine: deps.engine, net: deps.net, clock },
    { onCheckDone: (id) => (timings[id] = elapsedSince(clock, started)) },
  );
  return finish({
    orchestrator: facts.get(orchestratorTargetFacts)[0] ?? notChecked(configured, 'Not checked: no orchestrator check is registered.'),
    projects: buildTruthMatrix(stack, facts, engine.report.ok),
    services: buildServiceReports(checks, facts, scope),
    findings: collectFindings({ checks, facts, scope, otherProjects: discovery.otherProjects }),
    otherProjects: discovery.otherProjects,
  });
}

function elapsedSince(clock: { now(): number }, started: number): number {
  return Math.round(Math.max(0, clock.now() - started));
}

async function resolveWorkspace(port: WorkspacePort, dir: string): Promise<string> {
  let resolved: string;
  try {
    resolved = await port.resolve(dir);
  } catch {
    resolved = dir;
  }
  if (!(await port.isDirectory(resolved))) {
    throw new DiagnoseInputError(`Workspace ${dir} does not exist or is not a directory.`);
  }
  return resolved;
}

function notChecked(configured: { url: string; from: string }, reason: string): OrchestratorTarget {
  return {
    configuredUrl: configured.url,
    configuredFrom: configured.from,
    resolvedUrl: null,
    decision: 'not-checked',
    reason,
    hostIsAlias: false,
    attempts: [],
  };
}
