import { useEffect, useState } from 'react'
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import type { DayCount, ReadingStats } from '../../shared/models'
import { count, digestLabel } from '../format'
import { useStore } from '../store'

const AXIS = { stroke: 'var(--muted)', tick: { fill: 'var(--muted)', fontSize: 12 } }
const TOOLTIP_STYLE = {
  background: 'var(--surface)',
  borderColor: 'var(--border)',
  color: 'var(--text)',
}

interface BarSpec {
  key: string
  name: string
  color: string
  stack?: string
}

/** A themed bar chart of rows keyed by `label`. */
function Chart({ title, rows, bars }: { title: string; rows: object[]; bars: BarSpec[] }) {
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      {rows.length === 0 ? (
        <p className="empty-state">No status changes yet: triage some papers and come back.</p>
      ) : (
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={rows}>
            <CartesianGrid stroke="var(--border)" vertical={false} />
            <XAxis dataKey="label" {...AXIS} />
            <YAxis allowDecimals={false} {...AXIS} />
            <Tooltip contentStyle={TOOLTIP_STYLE} />
            <Legend />
            {bars.map((bar) => (
              <Bar
                key={bar.key}
                dataKey={bar.key}
                name={bar.name}
                fill={bar.color}
                stackId={bar.stack}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      )}
    </figure>
  )
}

const ACTIVITY_BARS: BarSpec[] = [
  { key: 'triaged', name: 'Triaged', color: 'var(--chart-1)' },
  { key: 'read', name: 'Read', color: 'var(--chart-2)' },
]

const BACKLOG_BARS: BarSpec[] = [
  { key: 'new', name: 'Still new', color: 'var(--chart-3)', stack: 'digest' },
  { key: 'triaged', name: 'Triaged', color: 'var(--chart-1)', stack: 'digest' },
]

const activityRows = (rows: DayCount[], label: (day: string) => string) =>
  rows.map((r) => ({ ...r, label: label(r.day) }))

const backlogRows = (backlog: ReadingStats['backlog']) =>
  [...backlog].reverse().map((d) => ({
    label: digestLabel(d.date),
    new: d.newCount,
    triaged: d.paperCount - d.newCount,
  }))

function formatDuration(ms: number): string {
  const hours = ms / 3_600_000
  if (hours < 1) return `${Math.round(ms / 60_000)} minutes`
  if (hours < 48) return `${hours.toFixed(1)} hours`
  return `${(hours / 24).toFixed(1)} days`
}

function StatsTables({ stats }: { stats: ReadingStats }) {
  const table = (caption: string, first: string, rows: DayCount[]) => (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{first}</th>
          <th scope="col">Triaged</th>
          <th scope="col">Read</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.day}>
            <th scope="row">{r.day}</th>
            <td>{r.triaged}</td>
            <td>{r.read}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
  return (
    <div className="stats-tables">
      {table('Per day', 'Day', stats.perDay)}
      {table('Per week', 'Week of', stats.perWeek)}
      <table>
        <caption>Backlog per digest</caption>
        <thead>
          <tr>
            <th scope="col">Digest</th>
            <th scope="col">Papers</th>
            <th scope="col">Still new</th>
          </tr>
        </thead>
        <tbody>
          {stats.backlog.map((d) => (
            <tr key={d.date}>
              <th scope="row">{d.date}</th>
              <td>{d.paperCount}</td>
              <td>{d.newCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** Reading stats from the status history, as charts or, for screen readers and numbers, tables. */
export function StatsView() {
  const stats = useStore((s) => s.stats)
  const loadStats = useStore((s) => s.loadStats)
  const [asTable, setAsTable] = useState(false)
  useEffect(() => void loadStats(), [loadStats])

  if (!stats) return <p className="empty-state">Loading…</p>
  return (
    <section className="stats" aria-labelledby="stats-title">
      <header className="stats-header">
        <h1 id="stats-title">Reading stats</h1>
        <button type="button" aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>
          {asTable ? 'Show charts' : 'Show as tables'}
        </button>
      </header>
      <dl className="stats-figures">
        <div>
          <dt>Papers read</dt>
          <dd>{stats.readCount}</dd>
        </div>
        <div>
          <dt>Median time from import to read</dt>
          <dd>
            {stats.medianImportToReadMs === null
              ? 'none read yet'
              : formatDuration(stats.medianImportToReadMs)}
          </dd>
        </div>
        <div>
          <dt>Still new</dt>
          <dd>{stats.backlog.reduce((n, d) => n + d.newCount, 0)}</dd>
        </div>
        <div>
          <dt>Annotations</dt>
          <dd>
            {stats.annotationCount}{' '}
            <span className="stats-detail">on {count(stats.annotatedPaperCount, 'paper')}</span>
          </dd>
        </div>
      </dl>
      {asTable ? (
        <StatsTables stats={stats} />
      ) : (
        <div className="charts">
          <Chart
            title="Per day"
            rows={activityRows(stats.perDay, (day) => digestLabel(day))}
            bars={ACTIVITY_BARS}
          />
          <Chart
            title="Per week"
            rows={activityRows(stats.perWeek, (day) => `wk ${digestLabel(day)}`)}
            bars={ACTIVITY_BARS}
          />
          <Chart title="Backlog per digest" rows={backlogRows(stats.backlog)} bars={BACKLOG_BARS} />
        </div>
      )}
    </section>
  )
}
