import { migration0001Init } from './0001-init'
import { migration0002Highlights } from './0002-highlights'
import { migration0003Search } from './0003-search'
import { migration0004ListOrder } from './0004-list-order'
import { migration0005TitleSearch } from './0005-title-search'
import { migration0006Sources } from './0006-sources'
import { migration0007PeopleIndex } from './0007-people-index'
import { migration0008SortIndexes } from './0008-sort-indexes'
import { migration0009PdfFiles } from './0009-pdf-files'
import { migration0010PdfAnnotations } from './0010-pdf-annotations'
import { migration0011Subscriptions } from './0011-subscriptions'
import { migration0012Sync } from './0012-sync'
import { migration0013IndexLayout } from './0013-index-layout'
import type { Migration } from './progress'

/** Forward-only: migration N (1-based) brings a library from user_version N-1 to N. Never edit a shipped one. */
export const MIGRATIONS: ReadonlyArray<Migration> = [
  migration0001Init,
  migration0002Highlights,
  migration0003Search,
  migration0004ListOrder,
  migration0005TitleSearch,
  migration0006Sources,
  migration0007PeopleIndex,
  migration0008SortIndexes,
  migration0009PdfFiles,
  migration0010PdfAnnotations,
  migration0011Subscriptions,
  migration0012Sync,
  migration0013IndexLayout,
]

export const SCHEMA_VERSION = MIGRATIONS.length
