import { schemaErrors } from '../scripts/core/schemas.js';
console.log(schemaErrors('incident', { id: 'INC-1', status: 'x', reported_at: '2026-02-30T10:00:00Z', detected_at: '2026-03-01T10:00:00', services: [{id:'A'}], calendars: 1 }));
console.log(schemaErrors('config', { calendars: { 'Bad Name': {time_zone:'x', hours:{}} } }));
