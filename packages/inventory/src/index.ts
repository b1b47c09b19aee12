export {
  parsePositionTrackerConfig,
  positionTrackerConfigSchema,
  type PositionTrackerConfig,
  type PositionTrackerConfigInput,
} from './position-tracker-config.js';
export {
  PositionTracker,
  type FillApplication,
  type OpeningPosition,
  type PositionSnapshot,
  type PositionTrackerOptions,
  type TrackedFill,
} from './position-tracker.js';
export { Portfolio, type PortfolioOptions, type PortfolioSnapshot, type PortfolioTotals } from './portfolio.js';
export {
  inventoryLadderConfigSchema,
  parseInventoryLadderConfig,
  type InventoryLadderConfig,
  type InventoryLadderConfigInput,
} from './inventory-ladder-config.js';
export {
  inventoryLadder,
  type HedgeInstruction,
  type InventoryControls,
  type InventoryLadderInput,
  type InventoryRule,
  type SideControl,
} from './inventory-ladder.js';
export { maxOrderLots, type OrderLimitInput } from './max-order-lots.js';
export { maxPositionLotsForNotional } from './max-position-lots-for-notional.js';
export { FillIdWindow } from './fill-id-window.js';
