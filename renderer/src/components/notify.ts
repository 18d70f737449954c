import { toast } from 'sonner'
import { CallError } from '../client'

/** A failed call becomes a toast with the service's own message, never a stack trace. */
export function reportFailure(error: unknown) {
  const message =
    error instanceof CallError ? error.info.message : 'Something went wrong. Nothing was changed.'
  toast.error(message)
}
