import { citingComments } from '../helpers/app.js'

let held = 0
/** A comment held for its two links; each one different, so none is a near-duplicate of another. */
export const heldComment = () => {
  held++
  return { content: citingComments[held % citingComments.length] }
}
