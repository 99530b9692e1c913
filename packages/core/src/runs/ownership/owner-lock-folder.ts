/** The folder of lock files of the SQLite database `filename`: `<filename>.owners`. */
export function ownerLockFolder(filename: string): string {
  return `${filename}.owners`;
}
