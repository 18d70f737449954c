import type { ReportResult } from '../../../../shared/reports'
import { columnsChart, pivotChart } from '../../charts/builders/generic'
import { ChartPage } from '../../charts/ChartPage'
import { ReportChart } from '../../charts/ReportChart'

const EMPTY =
  'No visits in this range. Blog analytics arrive with an import of your site’s visits in Data → Import.'

const postViews = (r: ReportResult) => pivotChart(r, 'period', 'title', 'views', { limit: 5 })
const band = (measure: string) => (r: ReportResult) =>
  columnsChart(r, 'band', [{ column: 'visits', label: 'Visits' }], {
    where: (row) => row.measure === measure,
  })
const readTime = band('read_time')
const scrollDepth = band('scroll_depth')
const byCategory = (r: ReportResult) =>
  columnsChart(r, 'category', [
    { column: 'engagements', label: 'Engagements' },
    { column: 'engagement_rate_pct', label: 'Engagement rate', type: 'line', axis: 'y2' },
  ])

/** Blog → Overview: views per post, how far people read, and what engages them. */
export function BlogCharts() {
  return (
    <ChartPage page="blog">
      {(params) => (
        <>
          <ReportChart
            report="blog_post_views"
            params={{ ...params, interval: 'week' }}
            build={postViews}
            kind="line"
            title="Views per post"
            unit="views per week of the five most viewed posts; the rest as Other"
            yTitle="views"
            fileName="views-per-post"
            emptyHint={EMPTY}
          />
          <ReportChart
            report="blog_by_category"
            params={params}
            build={byCategory}
            kind="bar"
            title="Engagement by category"
            unit="likes, comments, shares and bookmarks; the rate per 100 visits on the right"
            yTitle="engagements"
            y2Title="per 100 visits"
            fileName="engagement-by-category"
            emptyHint={EMPTY}
          />
          <ReportChart
            report="blog_reading_distribution"
            params={params}
            build={readTime}
            kind="bar"
            legend={false}
            title="Read time"
            unit="visits by how long the post was read"
            xTitle="read time"
            yTitle="visits"
            fileName="read-time"
            emptyHint={EMPTY}
          />
          <ReportChart
            report="blog_reading_distribution"
            params={params}
            build={scrollDepth}
            kind="bar"
            legend={false}
            title="Scroll depth"
            unit="visits by how far down the post they scrolled"
            xTitle="scroll depth"
            yTitle="visits"
            fileName="scroll-depth"
            emptyHint={EMPTY}
          />
        </>
      )}
    </ChartPage>
  )
}
