import { HIGHLIGHT_COLORS, type HighlightColor } from '../../../shared/models'

/** The palette of highlights and annotations as one radio group (list rows, the reader's toolbar). */
export function ColorChoice({
  color,
  onChoose,
  className = 'highlight-colors',
}: {
  color: HighlightColor
  onChoose: (color: HighlightColor) => void
  className?: string
}) {
  return (
    <div className={className} role="radiogroup" aria-label="Colour">
      {HIGHLIGHT_COLORS.map((choice) => (
        <button
          key={choice}
          type="button"
          role="radio"
          aria-checked={choice === color}
          aria-label={choice}
          title={choice}
          className={`swatch highlight-${choice}`}
          onClick={() => onChoose(choice)}
        />
      ))}
    </div>
  )
}
