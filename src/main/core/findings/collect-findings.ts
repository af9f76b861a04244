import { compareFindings, type EngineReport, type Finding, type Runtime, type Stack } from '../../../shared/model/index.ts';
import type { ProbeFacts } from '../diagnosis/probe-facts.ts';
import { noStackFindings } from './config.rules.ts';
import { containerFindings } from './container.rules.ts';
import { containerDnsFindings, hostDnsFindings } from './dns.rules.ts';
import { engineFindings } from './engine.rules.ts';
import { healthFindings, wsFindings } from './health.rules.ts';
import { orchestratorFindings } from './orchestrator.rules.ts';
import { portClosedFindings, portNotPublishedFindings } from './port.rules.ts';

export interface FindingInput {
  stack: Stack;
  engine: EngineReport;
  runtime: Runtime;
  facts: ProbeFacts;
  otherProjects: { name: string; workingDir?: string; containers: number }[];
}

/** Every rule over one run's facts, without duplicates, worst first. */
export function collectFindings({ stack, engine, runtime, facts, otherProjects }: FindingInput): Finding[] {
  const services = stack.services;
  let orchestratorHost: string | null = null;
  try {
    orchestratorHost = new URL(facts.orchestrator.configuredUrl).hostname;
  } catch {
    orchestratorHost = null;
  }
  const all = [
    ...engineFindings(engine),
    ...noStackFindings({ stack, otherProjects, engineOk: engine.ok }),
    // Container facts only exist when the engine answered.
    ...(engine.ok ? containerFindings(services) : []),
    ...containerDnsFindings(facts.containerDns, services),
    ...hostDnsFindings({ services, hostDns: facts.hostDns, aliases: stack.aliases }),
    ...portClosedFindings(facts.ports, [...facts.health, ...facts.ws]),
    ...(engine.ok ? portNotPublishedFindings({ services, orchestratorHost }) : []),
    ...healthFindings(facts.health, facts.ports, facts.ws),
    ...wsFindings(facts.ws, facts.ports, facts.health),
    ...orchestratorFindings({ orchestrator: facts.orchestrator, services, runtime }),
  ];
  return dedupe(all).sort(compareFindings);
}

/** Same id and subject and summary: the same fact reached by two paths. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.id}\u0000${f.subject}\u0000${f.summary}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
