/**
 * Small charts with Chart.js (only the pieces used are registered, so the bundle stays small). The
 * canvas is an image to assistive technology, described by `summary`; the figures beside each
 * chart say the same in text.
 */
import { useEffect, useRef } from 'preact/hooks';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartType,
} from 'chart.js';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

/** Colours that keep 3:1 against white and apart from each other. */
export const SERIES_COLOURS = ['#0b5cad', '#b3261e', '#1e7b34', '#7a4dab', '#8a5a00'];

export interface Series {
  label: string;
  values: number[];
}

export function SmallChart({
  type,
  labels,
  series,
  summary,
  stacked = false,
}: {
  type: Extract<ChartType, 'bar' | 'line'>;
  labels: string[];
  series: Series[];
  summary: string;
  stacked?: boolean;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type,
      data: {
        labels,
        datasets: series.map((s, i) => ({
          label: s.label,
          data: s.values,
          backgroundColor: SERIES_COLOURS[i % SERIES_COLOURS.length],
          borderColor: SERIES_COLOURS[i % SERIES_COLOURS.length],
          tension: 0.2,
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: series.length > 1, labels: { color: '#1f2328' } } },
        scales: {
          x: { stacked, ticks: { color: '#3d444d' } },
          y: { stacked, beginAtZero: true, ticks: { color: '#3d444d', precision: 0 } },
        },
      },
    });
    return () => chart.destroy();
  }, [type, JSON.stringify(labels), JSON.stringify(series), stacked]);
  return (
    <div class="chart">
      <canvas ref={canvas} role="img" aria-label={summary} />
    </div>
  );
}
