// The price chart's crosshair: follows the pointer (or the arrow keys on a focused chart) and shows the
// time and the Yes price there. One set of listeners on the document serves every chart, including charts
// rendered after this module loaded; the series comes from the chart's data attributes on each move.
const timeFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
const keyIndex = new WeakMap();

function seriesOf(chart) {
    const from = Number(chart.dataset.from);
    return (chart.dataset.series || "").split(";").filter(Boolean).map(entry => {
        const [seconds, tenthsOfPercent] = entry.split(",").map(Number);
        return { at: from + seconds * 1000, percent: tenthsOfPercent / 10 };
    });
}

// A step line: the price at a moment is the last trade's price at or before it.
function percentAt(series, at) {
    let percent = series[0].percent;
    for (const point of series) {
        if (point.at > at) break;
        percent = point.percent;
    }
    return percent;
}

function show(chart, at) {
    const series = seriesOf(chart);
    if (series.length === 0) return;
    const from = Number(chart.dataset.from), to = Number(chart.dataset.to);
    const fraction = Math.min(1, Math.max(0, (at - from) / Math.max(1, to - from)));
    const crosshair = chart.querySelector(".price-chart-crosshair");
    const readout = chart.querySelector(".price-chart-readout");
    if (!crosshair || !readout) return;
    crosshair.style.left = `${fraction * 100}%`;
    crosshair.hidden = false;
    readout.querySelector(".time").textContent = `${timeFormat.format(new Date(at))} UTC`;
    readout.querySelector(".price").textContent = `Yes ${percentAt(series, at).toFixed(1)}%`;
    // Keep the readout on the chart: right of the crosshair in the left half, left of it in the right half.
    readout.style.left = fraction < 0.5 ? `${fraction * 100}%` : "";
    readout.style.right = fraction < 0.5 ? "" : `${(1 - fraction) * 100}%`;
    readout.hidden = false;
}

function hide(chart) {
    chart.querySelector(".price-chart-crosshair")?.setAttribute("hidden", "");
    chart.querySelector(".price-chart-readout")?.setAttribute("hidden", "");
}

let hovered = null;

document.addEventListener("pointermove", event => {
    const chart = event.target instanceof Element ? event.target.closest(".price-chart[data-series]") : null;
    if (hovered && hovered !== chart) hide(hovered);
    hovered = chart;
    if (!chart) return;
    const box = chart.getBoundingClientRect();
    const from = Number(chart.dataset.from), to = Number(chart.dataset.to);
    show(chart, from + (event.clientX - box.left) / Math.max(1, box.width) * (to - from));
});

document.addEventListener("keydown", event => {
    const chart = event.target instanceof Element ? event.target.closest(".price-chart[data-series]") : null;
    if (!chart) return;
    const series = seriesOf(chart);
    if (series.length === 0) return;
    const last = series.length - 1;
    let index = keyIndex.get(chart) ?? last;
    switch (event.key) {
        case "ArrowLeft": index = Math.max(0, index - 1); break;
        case "ArrowRight": index = Math.min(last, index + 1); break;
        case "Home": index = 0; break;
        case "End": index = last; break;
        case "Escape": hide(chart); return;
        default: return;
    }
    event.preventDefault();
    keyIndex.set(chart, index);
    show(chart, series[index].at);
});

document.addEventListener("focusin", event => {
    const chart = event.target instanceof Element ? event.target.closest(".price-chart[data-series]") : null;
    if (!chart) return;
    const series = seriesOf(chart);
    if (series.length > 0) show(chart, series[keyIndex.get(chart) ?? series.length - 1].at);
});

document.addEventListener("focusout", event => {
    const chart = event.target instanceof Element ? event.target.closest(".price-chart[data-series]") : null;
    if (chart && chart !== hovered) hide(chart);
});
