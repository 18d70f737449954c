import { Modal } from '../../components/Modal'

/** Asked before an unsaved workout is thrown away; keeping it is the default. */
export function DiscardDialog(props: { sets: number; onKeep(): void; onDiscard(): void }) {
  return (
    <Modal title="Discard this workout?" onClose={props.onKeep}>
      <p>
        {props.sets === 0
          ? 'Nothing has been logged yet.'
          : `The ${props.sets === 1 ? 'set' : `${props.sets} sets`} you logged will not be saved.`}
      </p>
      <div className="actions form-actions">
        <button type="button" className="primary" onClick={props.onKeep} autoFocus>
          Keep logging
        </button>
        <button type="button" className="danger" onClick={props.onDiscard}>
          Discard workout
        </button>
      </div>
    </Modal>
  )
}
