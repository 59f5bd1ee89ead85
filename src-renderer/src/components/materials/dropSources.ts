/** Files and folders dropped on a unit: paths in the desktop app (the preload resolves them), uploads in a browser. */
import { droppedItems } from './uploadTransport'
import type { Picked } from './useMaterialSources'

/** Call from the drop handler itself: the dropped entries are only readable during the event. */
export async function pickedFromDrop(transfer: DataTransfer): Promise<Picked | null> {
  const onsite = window.onsite
  if (onsite) {
    const paths = [...transfer.files].map((f) => onsite.pathForFile(f)).filter((p) => p !== '')
    return paths.length ? { type: 'paths', paths } : null
  }
  const items = await droppedItems(transfer)
  return items.length ? { type: 'files', items } : null
}

/** Only drags that carry files light a drop target up (not a dragged text selection). */
export const carriesFiles = (e: DragEvent): boolean => [...(e.dataTransfer?.types ?? [])].includes('Files')
