// The vendor rules, in the order they are asked. Adding a vendor = one file + one line here.
import { apiKey } from './api-key.ts';
import { aspnet } from './aspnet.ts';
import { atlassian } from './atlassian.ts';
import { aws } from './aws.ts';
import { docker } from './docker.ts';
import { drf } from './drf.ts';
import { github } from './github.ts';
import { google } from './google.ts';
import { kubernetes } from './kubernetes.ts';
import { laravel } from './laravel.ts';
import { microsoft } from './microsoft.ts';
import { oauthJson } from './oauth-json.ts';
import { problemJson } from './problem-json.ts';
import { twilio } from './twilio.ts';
import type { Vendor } from './types.ts';

export const VENDORS: readonly Vendor[] = [
  aspnet,
  google,
  microsoft,
  aws,
  github,
  apiKey,
  twilio,
  atlassian,
  kubernetes,
  docker,
  drf,
  laravel,
  oauthJson,
  problemJson,
];
