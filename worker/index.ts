import { createApp } from './app.ts';

/** Cloudflare Worker entry: the API, its documentation and (later) the web site. */
export default createApp();
