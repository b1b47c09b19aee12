import { requirePositive } from './input-checks.js';

export interface GlftCoefficientsInput {
  /** Risk aversion γ > 0; also used as ξ (the "ξ = γ" choice of Guéant 2017 and hftbacktest). */
  riskAversion: number;
  /** A > 0: fill intensity at zero distance, per time unit of σ. */
  arrivalIntensity: number;
  /** κ > 0: decay of fill intensity per tick of distance, `λ(δ) = A·e^(−κδ)`. */
  arrivalDecay: number;
  /** Δ > 0: size of one fill in inventory units (hftbacktest: 1, with inventory counted in orders). */
  orderSize: number;
}

export interface GlftCoefficients {
  /** Inventory-independent part of the half spread, ticks. */
  c1: number;
  /** Multiplies σ: skew per unit of inventory, and (× Δ/2) the risk part of the half spread. */
  c2: number;
}

/**
 * The closed-form approximation coefficients of Guéant–Lehalle–Fernandez-Tapia (Guéant 2017,
 * "Optimal market making", eq. for the asymptotic regime), in the form of hftbacktest's GLFT
 * tutorial `compute_coeff(xi=γ, gamma=γ, delta=Δ, A, k=κ)`:
 *   c1 = 1/(ξΔ) · ln(1 + ξΔ/κ)
 *   c2 = sqrt( γ/(2AΔκ) · (1 + ξΔ/κ)^(κ/(ξΔ) + 1) )
 * Valid far from the horizon and for inventory well inside its limits (it ignores both).
 */
export function glftCoefficients(input: GlftCoefficientsInput): GlftCoefficients {
  const gamma = requirePositive('riskAversion', input.riskAversion);
  const arrivalIntensity = requirePositive('arrivalIntensity', input.arrivalIntensity);
  const arrivalDecay = requirePositive('arrivalDecay', input.arrivalDecay);
  const orderSize = requirePositive('orderSize', input.orderSize);
  const xi = gamma;
  const xiDelta = xi * orderSize;
  const c1 = (1 / xiDelta) * Math.log1p(xiDelta / arrivalDecay);
  const c2 = Math.sqrt(
    (gamma / (2 * arrivalIntensity * orderSize * arrivalDecay)) * (1 + xiDelta / arrivalDecay) ** (arrivalDecay / xiDelta + 1),
  );
  return { c1, c2 };
}
