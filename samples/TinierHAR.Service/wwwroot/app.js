// The page of the scoring service: sends a CSV log to POST /v1/score and draws what comes back. Plain JavaScript and
// canvas, every asset served by the service itself.
"use strict";

const palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
  "#393b79", "#ad494a", "#637939", "#8c6d31", "#843c39", "#7b4173"];
const $ = id => document.getElementById(id);
let model = null;

function headers(extra) {
  const key = $("key").value || localStorage.getItem("tinierhar-key") || "";
  const all = Object.assign({}, extra);
  if (key) all["X-API-Key"] = key;
  return all;
}

async function problem(response) {
  try { const p = await response.json(); return p.detail || p.title || response.statusText; } catch { return response.statusText; }
}

async function loadModel() {
  const response = await fetch("/v1/model", { headers: headers() });
  if (!response.ok) { $("model").textContent = `The model is not available: ${response.status} ${await problem(response)}`; return; }
  model = await response.json();
  $("model").textContent = `${model.classes.length} activities, ${model.channels.length} channels (${model.channels.join(", ")}) at ${model.rateHz} Hz; `
    + `windows of ${model.window} samples every ${model.step}; bundle ${model.sha256.slice(0, 12)}…, version ${model.version}`;
}

function colour(activity) {
  const i = model ? model.classes.indexOf(activity) : -1;
  return i < 0 ? "#cccccc" : palette[i % palette.length];
}

async function score(file) {
  $("status").className = "";
  $("status").textContent = `Scoring ${file.name} (${(file.size / 1e6).toFixed(1)} MB)…`;
  if (!model) await loadModel();
  const response = await fetch(`/v1/score?name=${encodeURIComponent(file.name)}`, { method: "POST", body: file, headers: headers({ "Content-Type": "text/csv" }) });
  if (!response.ok) {
    $("status").className = "error";
    $("status").textContent = `${file.name}: ${response.status} ${await problem(response)}`;
    return;
  }
  const result = await response.json();
  draw(result);
  $("status").textContent = `Scored ${file.name}: ${result.windows.length} windows, ${result.segments.length} segments.`;
  $("status").dataset.done = "true";
}

// The time of a window: its own timestamps, or its sample positions at the model's rate.
function span(w) {
  return w.start !== undefined ? [w.start, w.end] : [w.firstSample / model.rateHz, (w.lastSample + 1) / model.rateHz];
}

// The class probabilities of one recording's windows over its time.
function drawProbabilities(result, recording) {
  const windows = result.windows.filter(w => `${w.source} ${w.subject} ${w.session}`.trim() === recording);
  const chart = $("probabilities"), pc = chart.getContext("2d");
  pc.clearRect(0, 0, chart.width, chart.height);
  if (windows.length === 0) return;
  const t0 = span(windows[0])[0], t1 = span(windows[windows.length - 1])[1];
  const x = t => (t - t0) / Math.max(1e-9, t1 - t0) * chart.width;
  result.classes.forEach((name, k) => {
    pc.strokeStyle = colour(name);
    pc.lineWidth = 1.5;
    pc.beginPath();
    windows.forEach((w, i) => {
      const [a, b] = span(w);
      const px = x((a + b) / 2), py = chart.height - 4 - w.probabilities[k] * (chart.height - 8);
      if (i === 0) pc.moveTo(px, py); else pc.lineTo(px, py);
    });
    pc.stroke();
  });
}

function draw(result) {
  $("results").hidden = false;
  const r = result.rows;
  const removed = Object.entries(r.removedBy).map(([k, v]) => `${v} ${k}`).join(", ");
  $("rows").textContent = `${r.read} rows read = ${r.inWindows} in windows + ${r.notCovered} not covered + ${r.removed} removed`
    + (removed ? ` (${removed})` : "") + `; ${r.valuesFilled} values filled; ${r.gaps} gaps.`;
  $("legend").innerHTML = "";
  for (const name of result.classes) {
    const item = document.createElement("span");
    item.innerHTML = `<i style="background:${colour(name)}"></i>`;
    item.append(name);
    $("legend").append(item);
  }
  const recordings = [...new Set(result.segments.map(s => `${s.source} ${s.subject} ${s.session}`.trim()))];
  const t0 = Math.min(...result.segments.map(s => s.start)), t1 = Math.max(...result.segments.map(s => s.end));
  const x = (t, width) => (t - t0) / Math.max(1e-9, t1 - t0) * width;

  const timeline = $("timeline"), tc = timeline.getContext("2d");
  const lane = 30;
  timeline.height = Math.max(1, recordings.length) * lane;
  tc.clearRect(0, 0, timeline.width, timeline.height);
  for (const s of result.segments) {
    const row = recordings.indexOf(`${s.source} ${s.subject} ${s.session}`.trim());
    tc.fillStyle = colour(s.activity);
    tc.fillRect(x(s.start, timeline.width), row * lane + 2, Math.max(1, x(s.end, timeline.width) - x(s.start, timeline.width)), lane - 4);
  }
  timeline.dataset.segments = result.segments.length;

  const choice = $("recording");
  choice.innerHTML = "";
  for (const name of recordings) choice.add(new Option(name, name));
  choice.onchange = () => drawProbabilities(result, choice.value);
  drawProbabilities(result, recordings[0]);

  const body = $("segments").tBodies[0];
  body.innerHTML = "";
  for (const s of result.segments) {
    const row = body.insertRow();
    for (const value of [`${s.source} ${s.subject} ${s.session}`.trim(), s.activity, s.start.toFixed(3), s.end.toFixed(3), (s.end - s.start).toFixed(3), s.windows])
      row.insertCell().textContent = value;
  }
}

$("key").value = localStorage.getItem("tinierhar-key") || "";
$("key").addEventListener("change", () => { localStorage.setItem("tinierhar-key", $("key").value); loadModel(); });
$("file").addEventListener("change", e => e.target.files.length && score(e.target.files[0]));
const drop = $("drop");
drop.addEventListener("dragover", e => { e.preventDefault(); drop.classList.add("over"); });
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", e => { e.preventDefault(); drop.classList.remove("over"); if (e.dataTransfer.files.length) score(e.dataTransfer.files[0]); });
loadModel();
