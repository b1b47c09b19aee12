// @mm/core/edge: the few core pieces that read the outside world (today only the real time).
// Kept out of the pure main entry so strategy, engine and risk code cannot reach ambient time;
// live composition roots (the bot, the local venue) import it and inject it as a `Clock`.
export { SystemClock } from './system-clock.js';
