import { ChartPage } from '../../charts/ChartPage'
import {
  ActivityCard,
  FreshnessCard,
  RetentionCard,
  StickinessCard,
  WorkCard,
  LifecycleCard,
  SessionLengthsCard,
  SessionsCard,
  TiersCard,
  TierTransitionsCard,
} from './ProductCharts'

/** Analytics → Charts: engagement over the event log, under one range and segment. */
export function AnalyticsPage() {
  return (
    <ChartPage page="analytics" bySegment>
      {(params) => (
        <>
          <ActivityCard params={params} />
          <StickinessCard params={params} />
          <RetentionCard params={params} />
          <SessionsCard params={params} />
          <TiersCard params={params} />
          <TierTransitionsCard params={params} />
          <LifecycleCard params={params} />
          <SessionLengthsCard params={params} />
          <WorkCard params={params} />
          <FreshnessCard params={params} />
        </>
      )}
    </ChartPage>
  )
}
