export {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  ChromiumMissingError,
  chromiumAvailability,
  chromiumForTests,
  countPixels,
  launchChromium,
  watchPage,
  type ChromiumAvailability,
  type PageWatch,
  type PixelCounts,
} from './chromium.js';
