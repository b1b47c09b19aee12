export {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  ChromiumMissingError,
  chromiumAvailability,
  chromiumForTests,
  launchChromium,
  watchPage,
  type ChromiumAvailability,
  type PageWatch,
} from './chromium.js';
