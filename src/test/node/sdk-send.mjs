// Drives Segment's own Node SDK, unchanged, against a Tidings webhook (SegmentSdksTest runs it).
// Arguments: host path writeKey runId. Exit code 0 once the SDK delivered every message, 1 when it reported an error.
import { Analytics } from '@segment/analytics-node'

const [host, path, writeKey, runId] = process.argv.slice(2)
const analytics = new Analytics({ writeKey, host, path, maxEventsInBatch: 10, flushInterval: 200, maxRetries: 2 })
const errors = []
analytics.on('error', (e) => errors.push(e))

analytics.identify({ userId: `node-${runId}`, traits: { email: `node-${runId}@example.com`, phone: '+91 98765 43210' } })
analytics.track({
  userId: '9933772255',
  event: 'be_reserved',
  timestamp: new Date('2024-04-11T12:00:00.000Z'),
  properties: { age: 33, external_event_id: `NODE-${runId}`, hotel_name: 'Node Inn', room_nights: 3 },
})
analytics.page({ userId: '9933772255', name: 'Home' })

await analytics.closeAndFlush({ timeout: 30000 })
if (errors.length > 0) {
  console.error(JSON.stringify(errors.map((e) => ({ code: e.code, reason: String(e.reason ?? e.message) }))))
  process.exit(1)
}
console.log('delivered')
