import { DailySource } from '../daily-source';
import { TRAINING_SOURCES } from './training.sources';
import { WELLNESS_EXTRA_SOURCES } from './wellness-extra.sources';
import { WELLNESS_SOURCES } from './wellness.sources';

/** Every per-day source; a kind is yielded by exactly one (index.spec checks it, and that each asks an evidenced path). */
export const HEALTH_SOURCES: readonly DailySource[] = [...WELLNESS_SOURCES, ...WELLNESS_EXTRA_SOURCES, ...TRAINING_SOURCES];
