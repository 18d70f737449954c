import { ChartPage } from '../../charts/ChartPage'
import {
  ActivityCard,
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
          <SessionsCard params={params} />
          <TiersCard params={params} />
          <TierTransitionsCard params={params} />
          <LifecycleCard params={params} />
          <SessionLengthsCard params={params} />
        </>
      )}
    </ChartPage>
  )
}
