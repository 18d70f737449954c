export { generateDemoData, type DemoOptions, type DemoSummary } from './generate'
