/* tebiki: "who to contact now". Reads the channels and the day plan embedded by
 * the build (#contact-now-data) and says which channel is open at the browser's
 * clock. A fixed clock for tests and screenshots: ?now=2027-01-05T19:00 or
 * window.TEBIKI_NOW = "2027-01-05T19:00" set before this script runs. */
(function () {
  "use strict";
  var WEEKDAYS = "日月火水木金土";
  var CLOCK = /^(\d{4})-(\d{2})-(\d{2})T(\d{1,2}):(\d{2})/;

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function minutes(hhmm) { var p = hhmm.split(":"); return Number(p[0]) * 60 + Number(p[1]); }
  function clockText(m) { return Math.floor(m / 60) + ":" + pad(m % 60); }

  function fixedNow() {
    var text = new URLSearchParams(window.location.search).get("now") || window.TEBIKI_NOW || "";
    var m = CLOCK.exec(text);
    if (!m) return null;
    return { y: +m[1], mo: +m[2], d: +m[3], minute: +m[4] * 60 + +m[5], fixed: true };
  }

  function realNow() {
    var t = new Date();
    return { y: t.getFullYear(), mo: t.getMonth() + 1, d: t.getDate(), minute: t.getHours() * 60 + t.getMinutes(), fixed: false };
  }

  function dayNumber(y, mo, d) { return Math.round(Date.UTC(y, mo - 1, d) / 86400000); }

  function dateLabel(day) {
    var t = new Date(day * 86400000);
    return (t.getUTCMonth() + 1) + "月" + t.getUTCDate() + "日(" + WEEKDAYS.charAt(t.getUTCDay()) + ")";
  }

  function Plan(data) {
    var f = data.from.split("-");
    this.first = dayNumber(+f[0], +f[1], +f[2]);
    this.business = data.business;
    this.ends = data.online_end;
  }
  Plan.prototype.day = function (day) {
    var i = day - this.first;
    if (i < 0 || i >= this.business.length) return null;
    return { business: this.business.charAt(i) === "1", end: this.ends[i] ? minutes(this.ends[i]) : null };
  };

  /* When the channel takes requests on `day`: {start, end} in minutes, or null. */
  function window_(c, info) {
    var dayOk = c.days === "always" || (c.days === "weekdays" && info.business) ||
      (c.days === "operating_days" && info.end !== null);
    if (!dayOk) return null;
    var start = c.from ? minutes(c.from) : 0;
    var end = c.to === "online_end" ? info.end : (c.to ? minutes(c.to) : 24 * 60);
    if (end === null || end <= start) return null;
    return { start: start, end: end };
  }

  function status(c, plan, now) {
    if (c.days === "anytime") return { state: "anytime", text: "随時受付（回答は後日）" };
    var today = dayNumber(now.y, now.mo, now.d);
    var info = plan.day(today);
    if (!info) return { state: "unknown", text: "予定表の範囲外です（手引きを作り直してください）" };
    var timed = c.from || c.to;
    var w = window_(c, info);
    if (!timed && c.days === "always") return { state: "open", text: "24時間受付" };
    if (!timed) {
      /* The source gives days but no hours (the ward's own channels). */
      return w ? { state: "day", text: "本日は受付日（受付時間は要確認）" } : nextDay(c, plan, today);
    }
    if (w && now.minute >= w.start && now.minute < w.end) {
      return { state: "open", text: clockText(w.end) + " まで受付" };
    }
    for (var k = 0; k < 60; k++) {
      var dinfo = plan.day(today + k);
      if (!dinfo) break;
      var next = window_(c, dinfo);
      if (next && (k > 0 || now.minute < next.start)) {
        var when = (k === 0 ? "本日" : dateLabel(today + k)) + (timed ? " " + clockText(next.start) : "");
        return { state: "closed", text: "受付時間外。次の受付: " + when + (timed ? " から" : "") };
      }
    }
    return { state: "closed", text: "受付時間外" };
  }

  function nextDay(c, plan, today) {
    for (var k = 1; k < 60; k++) {
      var info = plan.day(today + k);
      if (!info) break;
      if (window_(c, info)) return { state: "closed", text: "本日は受付日ではありません。次の受付日: " + dateLabel(today + k) };
    }
    return { state: "closed", text: "受付日ではありません" };
  }

  function el(name, className, text) {
    var e = document.createElement(name);
    if (className) e.className = className;
    if (text) e.textContent = text;
    return e;
  }

  var LABELS = { open: "受付中", day: "受付日", closed: "時間外", anytime: "随時", unknown: "不明" };

  function item(c, st, highlight) {
    var li = el("li", "cn-item cn-" + st.state + (highlight ? " cn-now" : ""));
    li.setAttribute("data-contact", c.id);
    li.setAttribute("data-state", st.state);
    var head = el("p", "cn-head");
    head.appendChild(el("span", "cn-badge", LABELS[st.state]));
    head.appendChild(el("strong", "cn-name", c.name));
    head.appendChild(el("span", "cn-actor", "（" + c.actor + "・" + c.channel + "）"));
    li.appendChild(head);
    li.appendChild(el("p", "cn-status", st.text));
    var addr = el("p", "cn-address");
    if (c.address) {
      var a = el("a", "", c.address);
      a.href = c.href;
      addr.appendChild(a);
    } else {
      addr.textContent = "連絡先（番号・アドレス）は要確認";
    }
    li.appendChild(addr);
    li.appendChild(el("p", "cn-hours", "受付: " + c.hours + (c.after_hours ? "。" + c.after_hours : "")));
    return li;
  }

  function render(root, data, now) {
    var plan = new Plan(data);
    var clock = root.querySelector("[data-contact-now-clock]");
    var body = root.querySelector("[data-contact-now-body]");
    var today = dayNumber(now.y, now.mo, now.d);
    clock.textContent = now.y + "年" + dateLabel(today) + " " + clockText(now.minute) + " 現在" +
      (now.fixed ? "（指定した時刻）" : "（この端末の時計）");
    body.textContent = "";
    var emergency = data.contacts.filter(function (c) { return c.emergency_priority; })
      .sort(function (a, b) { return a.emergency_priority - b.emergency_priority; });
    var others = data.contacts.filter(function (c) { return !c.emergency_priority; });
    var states = {};
    data.contacts.forEach(function (c) { states[c.id] = status(c, plan, now); });
    var first = emergency.filter(function (c) { return states[c.id].state === "open"; })[0];
    var lead = el("p", "cn-lead");
    lead.setAttribute("data-contact-now-lead", first ? first.id : "");
    if (first) {
      lead.textContent = "障害・緊急の連絡は今: " + first.name + "（優先順位" + first.emergency_priority + "）";
    } else if (emergency.length) {
      lead.textContent = "障害・緊急の連絡窓口は今は受付時間外です。" + states[emergency[0].id].text;
    }
    body.appendChild(lead);
    if (emergency.length) {
      body.appendChild(el("h3", "", "障害・緊急の連絡（優先順）"));
      var ul = el("ul", "cn-list");
      emergency.forEach(function (c) { ul.appendChild(item(c, states[c.id], c === first)); });
      body.appendChild(ul);
    }
    if (others.length) {
      body.appendChild(el("h3", "", "問合せ・依頼の窓口"));
      var ul2 = el("ul", "cn-list");
      others.forEach(function (c) { ul2.appendChild(item(c, states[c.id], false)); });
      body.appendChild(ul2);
    }
  }

  function init() {
    var root = document.querySelector("[data-contact-now]");
    var json = document.getElementById("contact-now-data");
    if (!root || !json) return;
    var data = JSON.parse(json.textContent);
    var fixed = fixedNow();
    render(root, data, fixed || realNow());
    if (!fixed) setInterval(function () { render(root, data, realNow()); }, 60000);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
