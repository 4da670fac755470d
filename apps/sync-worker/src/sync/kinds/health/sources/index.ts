import { DailySource } from '../daily-source';
import { WELLNESS_SOURCES } from './wellness.sources';

/** Every per-day source; a kind is yielded by exactly one (health-sources.spec checks it). */
export const HEALTH_SOURCES: readonly DailySource[] = [...WELLNESS_SOURCES];
