import { anyLive, liveUrls } from './live-probe';

/** The image's HEALTHCHECK (`node apps/service/dist/healthcheck.js`): exit 0 when live. */
void anyLive(liveUrls(process.env)).then((live) => process.exit(live ? 0 : 1));
