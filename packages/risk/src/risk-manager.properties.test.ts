import { MICROS_PER_SECOND } from '@mm/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { feed, newTestManager, observationArbitrary, observationsArbitrary, START_US } from '../test/arbitrary-observations.js';
import type { RiskDecision } from './risk-decision.js';
import { riskStatusSeverity } from './risk-status.js';

describe('RiskManager properties', () => {
  it('status is monotone in loss: a lower final equity never gives a better status', () => {
    // Short sequences too: with fewer other rules in force, usage differences decide the status.
    const observations = fc.oneof(fc.array(observationArbitrary, { maxLength: 4 }), observationsArbitrary);
    fc.assert(
      fc.property(
        fc.integer({ min: 1_950, max: 2_050 }),
        observations,
        fc.integer({ min: 0, max: 5 * MICROS_PER_SECOND }),
        fc.double({ min: 1_900, max: 2_100, noNaN: true }),
        // Mostly small differences: they move usage between NORMAL/WARNING/CRITICAL without halting.
        fc.oneof(fc.double({ min: 0, max: 10, noNaN: true }), fc.double({ min: 0, max: 200, noNaN: true })),
        (openingEquityUsd, observations, gapUs, equityUsd, extraLossUsd) => {
          const lessLoss = newTestManager();
          const moreLoss = newTestManager();
          lessLoss.onEquity(openingEquityUsd, START_US);
          moreLoss.onEquity(openingEquityUsd, START_US);
          const now = feed(lessLoss, observations) + gapUs;
          feed(moreLoss, observations);
          lessLoss.onEquity(equityUsd, now);
          moreLoss.onEquity(equityUsd - extraLossUsd, now);
          const better = lessLoss.evaluate(now);
          const worse = moreLoss.evaluate(now);
          expect(riskStatusSeverity(worse.status)).toBeGreaterThanOrEqual(riskStatusSeverity(better.status));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is deterministic: the same observations give the same decisions, however often it is asked', () => {
    fc.assert(
      fc.property(observationsArbitrary, fc.integer({ min: 0, max: 30 * 60 * MICROS_PER_SECOND }), (observations, laterUs) => {
        const asked = newTestManager();
        const quiet = newTestManager();
        const replay = newTestManager();
        const trail: RiskDecision[] = [];
        const end = feed(asked, observations, undefined, (now) => trail.push(asked.evaluate(now)));
        const replayTrail: RiskDecision[] = [];
        feed(replay, observations, undefined, (now) => replayTrail.push(replay.evaluate(now)));
        feed(quiet, observations);
        expect(replayTrail).toEqual(trail);
        expect(quiet.evaluate(end + laterUs)).toEqual(asked.evaluate(end + laterUs));
      }),
      { numRuns: 200 },
    );
  });

  it('every fired rule says why and when it ends', () => {
    fc.assert(
      fc.property(observationsArbitrary, (observations) => {
        const risk = newTestManager();
        const now = feed(risk, observations);
        const decision = risk.evaluate(now);
        for (const rule of decision.firedRules) {
          expect(rule.reason.length).toBeGreaterThan(10);
          expect(rule.since).toBeLessThanOrEqual(now);
          if (rule.clearsWhen === 'time') expect(rule.until).toBeGreaterThan(now);
          else expect(rule.until).toBeNull();
        }
        if (decision.firedRules.length > 0) expect(riskStatusSeverity(decision.status)).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });
});
