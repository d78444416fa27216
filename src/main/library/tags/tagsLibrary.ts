import { MarginError } from '../../../shared/errors'
import type { PaperDetail, TagCount } from '../../../shared/models'
import type { Db } from '../db/openLibrary'
import type { TagsRepo } from '../repos/tags.repo'
import { validTagName } from './tagName'

/** The library's tag actions: on a paper, and on a tag across papers (rename, merge, delete). */
export function createTagsLibrary({
  db,
  tags,
  requirePaper,
  detail,
}: {
  db: Db
  tags: TagsRepo
  requirePaper: (id: number) => unknown
  detail: (id: number) => PaperDetail
}) {
  const requireTag = (name: string) => {
    const tag = tags.find(name)
    if (!tag) throw new MarginError('NOT_FOUND', `There is no tag "${name}".`)
    return tag
  }

  return {
    tagCounts: (): TagCount[] => tags.counts(),

    addTags: (id: number, names: readonly string[]): PaperDetail => {
      const clean = names.map(validTagName)
      db.transaction(() => {
        requirePaper(id)
        for (const name of clean) tags.attach(id, name)
      })()
      return detail(id)
    },

    removeTags: (id: number, names: readonly string[]): PaperDetail => {
      db.transaction(() => {
        requirePaper(id)
        for (const name of names) tags.detach(id, name.trim())
      })()
      return detail(id)
    },

    /**
     * Renames a tag. When another tag already has the new name (in any case), the two merge:
     * its papers also get that tag, which keeps its spelling, and the old tag is gone.
     */
    renameTag: (from: string, to: string): TagCount[] => {
      const [oldName, newName] = [validTagName(from), validTagName(to)]
      db.transaction(() => {
        const source = requireTag(oldName)
        const target = tags.find(newName)
        if (target && target.id !== source.id) tags.merge(source.id, target.id)
        else tags.rename(source.id, newName)
      })()
      return tags.counts()
    },

    /** Removes the tag from every paper. */
    deleteTag: (name: string): TagCount[] => {
      db.transaction(() => tags.remove(requireTag(validTagName(name)).id))()
      return tags.counts()
    },
  }
}
