import request from 'supertest';
import { ADMIN_KEY } from './service';

/** GET /api/v1/cases/:ref, the parts the suite reads. */
export interface CaseView {
  ref: string;
  policy: string;
  status: 'open' | 'resolved' | 'withdrawn' | 'decided';
  raisedAt: string;
  caseName: string;
  currentStage: number;
  overallDueDate: string | null;
  overallDueAt: string | null;
  overallBreachedAt: string | null;
  closedAt: string | null;
  closingText: string | null;
  outstanding: string[];
  /** an outcome the other side proposed, awaiting the raising side's AGREE */
  proposal: { text: string; outstanding: string[]; by: string; at: string; stage: number } | null;
  participants: {
    email: string;
    role: string;
    joinedAtStage: number;
    name?: string;
    side?: 'raising' | 'other';
  }[];
  stages: StageView[];
}

export interface StageView {
  number: number;
  title: string | null;
  startedAt: string;
  enteredBy: 'raise' | 'escalation' | 'breach';
  startDate: string | null;
  policyDueDate: string | null;
  dueDate: string | null;
  dueAt: string | null;
  extensions: { fromDueDate: string; dueDate: string; dueAt: string; agreedBy: string }[];
  breaches: { at: string; dueDate: string; recordedAt: string; rationale?: { text: string } }[];
  remindedAt: string | null;
  completedAt: string | null;
  outcome: 'resolved' | 'escalated' | 'withdrawn' | 'decided' | null;
  workingDaysTaken: number | null;
  /** timed steps inside the stage (NEL stage 5: the Chair's recommendation) */
  steps: {
    id: string;
    title: string | null;
    who: string | null;
    reply: string | null;
    dueDate: string | null;
    dueAt: string | null;
    remindedAt: string | null;
    breachedAt: string | null;
    completedAt: string | null;
    endedBy: 'reply' | 'stage-ended' | null;
  }[];
}

/** GET /api/v1/cases/:ref/events, one entry. */
export interface EventView {
  seq: number;
  type: string;
  at: string;
  stage: number;
  actor: string;
  verified: boolean;
  data: Record<string, unknown>;
  recordedAt: string;
}

/** POST /api/v1/scheduler/run */
export interface SweepReport {
  at: string;
  reminders: string[];
  breaches: string[];
  overallLimits: string[];
  digests: string[];
  skipped: number;
  /** cases the sweep could not act on */
  failed: string[];
}

/** GET /api/v1/reports/timeliness?policy= */
export interface TimelinessReport {
  policy: string;
  stages: {
    stage: number;
    title: string;
    entered: number;
    resolvedAt: number;
    breached: number;
    escalated: number;
    medianWorkingDays: number | null;
  }[];
  overall: {
    cases: number;
    open: number;
    resolved: number;
    withdrawn: number;
    decided: number;
    onTimeRate: number | null;
  };
}

/** GET /api/v1/reports/annual?policy=&year=, the cases that reached the final stage. */
export interface AnnualReport {
  policy: string;
  year: number;
  finalStage: number;
  reachedFinalStage: {
    ref: string;
    raisedAt: string;
    status: string;
    closedAt: string | null;
    agency: string;
    otherAgency: string;
    category: string;
    finalStage: { startedAt: string; dueDate: string | null; outcome: string | null };
  }[];
}

/** The administrators' API, with the ADMIN_API_KEY the service was started with. */
export class AdminApi {
  constructor(private readonly url: string) {}

  async case(ref: string): Promise<CaseView> {
    return (await this.get(`/api/v1/cases/${ref}`)) as CaseView;
  }

  async events(ref: string): Promise<EventView[]> {
    return (await this.get(`/api/v1/cases/${ref}/events`)) as EventView[];
  }

  async timeliness(policy: string): Promise<TimelinessReport> {
    return (await this.get(`/api/v1/reports/timeliness?policy=${policy}`)) as TimelinessReport;
  }

  async annual(policy: string, year: number): Promise<AnnualReport> {
    return (await this.get(`/api/v1/reports/annual?policy=${policy}&year=${year}`)) as AnnualReport;
  }

  /** One deadline sweep now (by the service's clock). */
  async sweep(): Promise<SweepReport> {
    const response = await request(this.url)
      .post('/api/v1/scheduler/run')
      .set('Authorization', `Bearer ${ADMIN_KEY}`)
      .expect(200);
    return response.body as SweepReport;
  }

  private async get(path: string): Promise<unknown> {
    const response = await request(this.url)
      .get(path)
      .set('Authorization', `Bearer ${ADMIN_KEY}`)
      .expect(200);
    return response.body as unknown;
  }
}
