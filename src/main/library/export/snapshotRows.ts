import type { PdfPosition } from '../../../shared/models'
import { annotationRow } from '../annotations/annotationDto'
import { titleKey } from '../digest/titleKey'
import type { LibraryRows } from '../repos/snapshot.repo'
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type LibrarySnapshot } from './librarySnapshot'

/** The stored rows as the export document: each paper with its tags, note, history, highlights. */
export function snapshotFromRows(rows: LibraryRows): LibrarySnapshot {
  const tagName = new Map(rows.tags.map((tag) => [tag.id, tag.name]))
  const tagsOf = groupBy(rows.paperTags, (row) => row.paper_id)
  const noteOf = new Map(rows.notes.map((note) => [note.paper_id, note]))
  const historyOf = groupBy(rows.statusHistory, (row) => row.paper_id)
  const highlightsOf = groupBy(rows.highlights, (row) => row.paper_id)
  const appearancesOf = groupBy(rows.appearances, (row) => row.digest_id)
  const sourcesOf = groupBy(rows.paperSources, (row) => row.paper_id)
  const pdfAnnotationsOf = groupBy(rows.pdfAnnotations, (row) => row.paper_id)
  const imageOf = new Map(rows.pdfAnnotationImages.map((row) => [row.annotation_id, row.png]))
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    importFiles: rows.importFiles.map((file) => ({
      id: file.id,
      fileName: file.file_name,
      contentHash: file.content_hash,
      importedAt: file.imported_at,
      source: file.source,
    })),
    digests: rows.digests.map((digest) => ({
      id: digest.id,
      date: digest.date,
      sourceFile: digest.source_file,
      contentHash: digest.content_hash,
      importedAt: digest.imported_at,
      papers: (appearancesOf.get(digest.id) ?? []).map((a) => ({
        paperId: a.paper_id,
        position: a.position,
      })),
    })),
    tags: rows.tags.map((tag) => ({ id: tag.id, name: tag.name })),
    papers: rows.papers.map((paper) => {
      const note = noteOf.get(paper.id)
      return {
        id: paper.id,
        title: paper.title,
        abstract: paper.abstract,
        arxivId: paper.arxiv_id,
        links: JSON.parse(paper.links) as string[],
        submittedBy: paper.submitted_by,
        authorCount: paper.author_count,
        upvotes: paper.upvotes,
        authors: JSON.parse(paper.authors) as string[],
        categories: JSON.parse(paper.categories) as string[],
        publishedAt: paper.published_at,
        sources: (sourcesOf.get(paper.id) ?? []).map((row) => row.import_file_id),
        status: paper.status,
        addedAt: paper.added_at,
        tags: (tagsOf.get(paper.id) ?? []).map((row) => tagName.get(row.tag_id)!),
        note: note ? { body: note.body, updatedAt: note.updated_at } : null,
        statusHistory: (historyOf.get(paper.id) ?? []).map((change) => ({
          id: change.id,
          from: change.from_status,
          to: change.to_status,
          at: change.changed_at,
        })),
        highlights: (highlightsOf.get(paper.id) ?? []).map((h) => ({
          id: h.id,
          quote: h.quote,
          prefix: h.prefix,
          suffix: h.suffix,
          start: h.start_offset,
          end: h.end_offset,
          color: h.color,
          comment: h.comment,
          createdAt: h.created_at,
          updatedAt: h.updated_at,
        })),
        pdfAnnotations: (pdfAnnotationsOf.get(paper.id) ?? []).map((a) => {
          const image = imageOf.get(a.id)
          return {
            id: a.id,
            sha256: a.sha256,
            type: a.type,
            color: a.color,
            comment: a.comment,
            position: JSON.parse(a.position) as PdfPosition,
            quote: a.quote,
            prefix: a.prefix,
            suffix: a.suffix,
            sortKey: a.sort_key,
            createdAt: a.created_at,
            updatedAt: a.updated_at,
            image: image ? Buffer.from(image).toString('base64') : null,
          }
        }),
      }
    }),
  }
}

/** The rows that store a (validated) export document; the inverse of snapshotFromRows. */
export function rowsFromSnapshot(snapshot: LibrarySnapshot): LibraryRows {
  const tagId = new Map(snapshot.tags.map((tag) => [tag.name, tag.id]))
  const { papers } = snapshot
  return {
    importFiles: snapshot.importFiles.map((file) => ({
      id: file.id,
      file_name: file.fileName,
      content_hash: file.contentHash,
      imported_at: file.importedAt,
      source: file.source,
    })),
    digests: snapshot.digests.map((digest) => ({
      id: digest.id,
      date: digest.date,
      source_file: digest.sourceFile,
      content_hash: digest.contentHash,
      imported_at: digest.importedAt,
    })),
    appearances: snapshot.digests.flatMap((digest) =>
      digest.papers.map((a) => ({
        digest_id: digest.id,
        paper_id: a.paperId,
        position: a.position,
      })),
    ),
    tags: snapshot.tags.map((tag) => ({ id: tag.id, name: tag.name })),
    papers: papers.map((paper) => ({
      id: paper.id,
      title: paper.title,
      abstract: paper.abstract,
      title_key: titleKey(paper.title),
      arxiv_id: paper.arxivId,
      links: JSON.stringify(paper.links),
      submitted_by: paper.submittedBy,
      author_count: paper.authorCount,
      upvotes: paper.upvotes,
      authors: JSON.stringify(paper.authors),
      categories: JSON.stringify(paper.categories),
      published_at: paper.publishedAt,
      status: paper.status,
      added_at: paper.addedAt,
    })),
    paperSources: papers.flatMap((paper) =>
      paper.sources.map((fileId) => ({ paper_id: paper.id, import_file_id: fileId })),
    ),
    paperTags: papers.flatMap((paper) =>
      paper.tags.map((name) => ({ paper_id: paper.id, tag_id: tagId.get(name)! })),
    ),
    notes: papers.flatMap((paper) =>
      paper.note
        ? [{ paper_id: paper.id, body: paper.note.body, updated_at: paper.note.updatedAt }]
        : [],
    ),
    statusHistory: papers.flatMap((paper) =>
      paper.statusHistory.map((change) => ({
        id: change.id,
        paper_id: paper.id,
        from_status: change.from,
        to_status: change.to,
        changed_at: change.at,
      })),
    ),
    highlights: papers.flatMap((paper) =>
      paper.highlights.map((h) => ({
        id: h.id,
        paper_id: paper.id,
        quote: h.quote,
        prefix: h.prefix,
        suffix: h.suffix,
        start_offset: h.start,
        end_offset: h.end,
        color: h.color,
        comment: h.comment,
        created_at: h.createdAt,
        updated_at: h.updatedAt,
      })),
    ),
    pdfAnnotations: papers.flatMap((paper) =>
      paper.pdfAnnotations.map((a) => annotationRow(paper.id, a)),
    ),
    pdfAnnotationImages: papers.flatMap((paper) =>
      paper.pdfAnnotations.flatMap((a) =>
        a.image === null
          ? []
          : [{ annotation_id: a.id, png: Buffer.from(a.image, 'base64') as Uint8Array }],
      ),
    ),
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>()
  for (const item of items) {
    const group = groups.get(key(item))
    if (group) group.push(item)
    else groups.set(key(item), [item])
  }
  return groups
}
