import type { FastifyRequest } from 'fastify';
import { languageOf } from '../access/index.js';
import { chooseLanguage, translatorFor, type Language } from '../messages/index.js';

/**
 * The language a request is answered in (issue 24): the signed-in user's own setting, else
 * `Accept-Language`, else English (src/messages/languages.ts says why in that order). Looked up at
 * most once per request, and only by requests that have something to say in words (an error, the
 * identification reasoning), so ordinary reads pay nothing for it.
 */
const resolved = new WeakMap<FastifyRequest, Promise<Language>>();

export function requestLanguage(request: FastifyRequest): Promise<Language> {
  let language = resolved.get(request);
  if (!language) {
    language = userLanguage(request).then((own) => chooseLanguage(own, request.headers['accept-language']));
    resolved.set(request, language);
  }
  return language;
}

async function userLanguage(request: FastifyRequest): Promise<Language | null> {
  if (!request.actor) return null;
  // The error being answered may be the database's own; the header still decides then.
  try {
    return await languageOf(request.server.db, request.actor.id);
  } catch {
    return null;
  }
}

/** `Problem.toJSON`'s translator for this request: undefined (English, untouched) unless asked. */
export async function requestTranslator(request: FastifyRequest): Promise<((english: string) => string) | undefined> {
  return translatorFor(await requestLanguage(request));
}
