// The command center's board: map + queue + detail + freshness, fed by /api/stream (server-sent events with ids).
(function () {
  'use strict';
  var LEVELS = ['RED', 'ORANGE', 'YELLOW', 'BLUE'];
  var RANK = { RED: 4, ORANGE: 3, YELLOW: 2, BLUE: 1 };
  var COLOR = { RED: '#d9001b', ORANGE: '#f07800', YELLOW: '#e8b800', BLUE: '#1f6fd1', none: '#dfe3e8' };
  // the queue shows this many rows at most and says how many match: 10,000 DOM rows would stall the page
  var MAX_ROWS = 200;
  var T = {
    zh: {
      title: '吉林省安全生产风险监测预警 · 指挥大屏', rate: '输入', perSec: '条/秒', newest: '最新事件时间',
      lag: '水位线延迟', lagClock: '事件时间落后', fresh: '数据正常', staleNoInput: '数据陈旧：{s} 秒无输入',
      staleLag: '数据陈旧：延迟超过 5 分钟', disconnected: '与服务器断开', connecting: '连接中', mapTitle: '各市州最高预警等级',
      queueTitle: '预警队列', fLevel: '等级', fDomain: '领域', fPrefecture: '市州', fStatus: '状态', fRule: '规则',
      all: '全部', open: '未解除', cleared: '已解除', any: '全部状态', close: '关闭', evidence: '证据读数',
      modifiers: '升级因素', history: '生命周期', routes: '推送路由', cap: '下载 CAP 1.2 消息', noCap: '（无 CAP 渲染器）',
      none: '无', showing: '显示 {n} / 共 {t} 条', empty: '没有符合条件的预警', open_: '未解除',
      toggle: 'English', noPos: '', subject: '对象', first: '首次', last: '最近',
      RED: '红色', ORANGE: '橙色', YELLOW: '黄色', BLUE: '蓝色', noneLevel: '无预警',
      NEW: '新发', ESCALATED: '升级', UPDATED: '更新', CLEARED: '解除',
      MINE: '煤矿', GAS_NETWORK: '城镇燃气', VEHICLE: '两客一危车辆', REPORT: '隐患报告',
      logout: '退出登录', openBoard: '免登录大屏（仅本机）', handlingTitle: '处置', controls: '操作',
      readOnly: '只读：此账号不能下达指令', noCommands: '此大屏未连接指令通道，不能下达指令', ack: '确认', assignee: '指派给', assign: '指派', noteText: '备注',
      addNote: '添加备注', resolution: '处置说明', resolve: '处置完毕', silenceTitle: '屏蔽通知',
      silenceRed: '红色预警永不屏蔽：屏蔽只停止通知，预警仍留在大屏上。', startsAt: '开始（北京时间）',
      endsAt: '结束（必填，北京时间）', comment: '说明（必填）', silence: '屏蔽', silenceId: '屏蔽编号',
      expire: '提前结束屏蔽', unack: '未确认', ackBy: '已确认', assignedTo: '指派', escalated: '催办',
      hOPEN: '待处置', hACKNOWLEDGED: '已确认', hRESOLVED: '已处置', sent: '已发送，等待系统回执：',
      notesN: '条备注', ackedBy: '确认人', aACKNOWLEDGE: '确认', aASSIGN: '指派', aNOTE: '备注', aRESOLVE: '处置完毕', aESCALATE: '催办', resolvedBy: '处置人', silencedBy: '屏蔽', noHandling: '尚无处置'
    },
    en: {
      title: 'Jilin work-safety early warning · command center board', rate: 'input', perSec: 'msg/s',
      newest: 'newest event time', lag: 'watermark lag', lagClock: 'event time behind now', fresh: 'live',
      staleNoInput: 'STALE: no input for {s} s', staleLag: 'STALE: lag over 5 minutes', disconnected: 'disconnected', connecting: 'connecting',
      mapTitle: 'Highest open alert level by prefecture', queueTitle: 'Alert queue', fLevel: 'Level',
      fDomain: 'Domain', fPrefecture: 'Prefecture', fStatus: 'Status', fRule: 'Rule', all: 'All', open: 'Open',
      cleared: 'Cleared', any: 'Any status', close: 'Close', evidence: 'Evidence readings',
      modifiers: 'Modifiers', history: 'Lifecycle', routes: 'Routes', cap: 'Download the CAP 1.2 message',
      noCap: '(no CAP renderer)', none: 'none', showing: 'showing {n} of {t}', empty: 'No alert matches',
      toggle: '中文', subject: 'subject', first: 'first', last: 'last',
      RED: 'Red', ORANGE: 'Orange', YELLOW: 'Yellow', BLUE: 'Blue', noneLevel: 'no alert',
      NEW: 'New', ESCALATED: 'Escalated', UPDATED: 'Updated', CLEARED: 'Cleared',
      MINE: 'Coal mine', GAS_NETWORK: 'City gas', VEHICLE: 'Key vehicle', REPORT: 'Hazard report',
      logout: 'Log out', openBoard: 'open board (this machine only)', handlingTitle: 'Handling', controls: 'Actions',
      readOnly: 'Read-only: this account gives no commands', noCommands: 'This board has no command topic: no commands', ack: 'Acknowledge', assignee: 'Assign to',
      assign: 'Assign', noteText: 'Note', addNote: 'Add note', resolution: 'Resolution', resolve: 'Resolve',
      silenceTitle: 'Silence notifications',
      silenceRed: 'RED alerts are never silenced. A silence stops notifications only; the alert stays on the board.',
      startsAt: 'Starts (Beijing time)', endsAt: 'Ends (required, Beijing time)', comment: 'Comment (required)',
      silence: 'Silence', silenceId: 'Silence id', expire: 'End silence early', unack: 'UNACKNOWLEDGED',
      ackBy: 'ack', assignedTo: 'to', escalated: 'escalated', hOPEN: 'open', hACKNOWLEDGED: 'acknowledged',
      hRESOLVED: 'resolved', ackedBy: 'by', aACKNOWLEDGE: 'acknowledged', aASSIGN: 'assigned', aNOTE: 'note',
      aRESOLVE: 'resolved', aESCALATE: 'escalated', sent: 'sent, waiting for the job: ', notesN: 'notes', resolvedBy: 'resolved by',
      silencedBy: 'silenced by', noHandling: 'no handling yet'
    }
  };
  var lang = localStorage.getItem('board.lang') === 'en' ? 'en' : 'zh';
  function t(k) { return (T[lang][k] !== undefined ? T[lang][k] : k); }
  function esc(s) {
    return String(s == null ? '' : s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function $(id) { return document.getElementById(id); }
  function fmtTs(ms) {
    if (ms == null) return '–';
    var d = new Date(ms + 8 * 3600 * 1000); // Jilin time, UTC+8, whatever the browser's zone
    return d.toISOString().substring(0, 19).replace('T', ' ');
  }
  function fmtDur(ms) {
    if (ms == null) return '–';
    if (ms < 1000) return ms + ' ms';
    if (ms < 120000) return (ms / 1000).toFixed(1) + ' s';
    return Math.round(ms / 60000) + ' min';
  }

  var rows = new Map();         // incident id -> row
  var meta = { prefectures: [], cap: false };
  var prefByCode = {};
  var divisionCodes = {};       // division code -> map region name
  var regionToCode = {};
  var lastId = null;            // id of the newest event applied
  var es = null;
  var stats = { snapshots: 0, events: 0, seen: {} };
  var openId = null;
  var lastFresh = null, lastFreshAt = 0;
  var chart = null;
  var me = { canCommand: false };  // the logged-in user (GET /api/me): name, role, scope, CSRF token
  var detailData = null;           // the open incident's detail, for the controls

  // every request goes through here: a lost session sends the browser to the login form; commands carry the token
  function api(url, opts) {
    opts = opts || {};
    opts.headers = opts.headers || {};
    opts.credentials = 'same-origin';
    if (opts.method && opts.method !== 'GET') opts.headers['X-CSRF-Token'] = me.csrf || '';
    return fetch(url, opts).then(function (r) {
      if (r.status === 401) { window.location = '/login'; throw new Error('login'); }
      return r;
    });
  }

  function levelWord(l) { return l ? t(l) : t('noneLevel'); }
  function shortName(code) {
    var p = prefByCode[code];
    return p && p.short ? (lang === 'zh' ? p.short : p.shortEn) : prefName(code);
  }
  function prefName(code) {
    var p = prefByCode[code];
    if (!p) return code || '–';
    return lang === 'zh' ? p.name : p.nameEn;
  }

  // ---- filters
  function fillSelect(sel, options, keep) {
    var v = keep ? sel.value : '';
    sel.innerHTML = options.map(function (o) {
      return '<option value="' + esc(o[0]) + '">' + esc(o[1]) + '</option>';
    }).join('');
    if (keep && options.some(function (o) { return o[0] === v; })) sel.value = v;
  }
  function buildFilters() {
    fillSelect($('f-level'), [['', t('all')]].concat(LEVELS.map(function (l) { return [l, t(l)]; })), true);
    fillSelect($('f-domain'), [['', t('all')]].concat(['MINE', 'GAS_NETWORK', 'VEHICLE', 'REPORT']
      .map(function (d) { return [d, t(d)]; })), true);
    fillSelect($('f-prefecture'), [['', t('all')]].concat(meta.prefectures.map(function (p) {
      return [p.code, (lang === 'zh' ? p.name : p.nameEn) + ' ' + p.code];
    })), true);
    fillSelect($('f-status'), [['open', t('open')], ['cleared', t('cleared')], ['all', t('any')]], true);
    buildRuleFilter();
  }
  var knownRules = '';
  function buildRuleFilter() {
    var rules = {};
    rows.forEach(function (r) { rules[r.ruleId] = 1; });
    var list = Object.keys(rules).sort();
    if (list.join() === knownRules) return;
    knownRules = list.join();
    fillSelect($('f-rule'), [['', t('all')]].concat(list.map(function (r) { return [r, r]; })), true);
  }
  function filters() {
    return { level: $('f-level').value, domain: $('f-domain').value, prefecture: $('f-prefecture').value,
      status: $('f-status').value || 'open', rule: $('f-rule').value };
  }
  function inPrefecture(r, code) { return !code || r.prefecture === code || r.division === code; }
  function matches(r, f, ignoreLevel) {
    if (!ignoreLevel && f.level && r.level !== f.level) return false;
    if (f.domain && r.domain !== f.domain) return false;
    if (!inPrefecture(r, f.prefecture)) return false;
    if (f.rule && r.ruleId !== f.rule) return false;
    if (f.status === 'open' && !r.open) return false;
    if (f.status === 'cleared' && r.open) return false;
    return true;
  }
  function order(a, b) {
    if (a.open !== b.open) return a.open ? -1 : 1;
    if (RANK[a.level] !== RANK[b.level]) return RANK[b.level] - RANK[a.level];
    if (a.lastEventTs !== b.lastEventTs) return b.lastEventTs - a.lastEventTs;
    return a.id < b.id ? -1 : 1;
  }

  // ---- rendering, batched: events only mark the board dirty; one render per 150 ms at most
  var dirty = false, timer = null, lastRenderMs = 0;
  function schedule() {
    dirty = true;
    if (!timer) timer = setTimeout(function () { timer = null; if (dirty) { dirty = false; render(); } }, 150);
  }
  function render() {
    var t0 = performance.now();
    var f = filters();
    var list = [];
    var counts = { RED: 0, ORANGE: 0, YELLOW: 0, BLUE: 0 };
    var shade = {};
    rows.forEach(function (r) {
      if (r.open) {
        var d = r.division || r.prefecture;
        if (d && (!shade[d] || RANK[r.level] > RANK[shade[d]])) shade[d] = r.level;
        if (matches(r, f, true)) counts[r.level]++;
      }
      if (matches(r, f, false)) list.push(r);
    });
    list.sort(order);
    renderCounts(counts);
    renderQueue(list);
    renderMapSoon(shade, list, f);
    buildRuleFilter();
    lastRenderMs = performance.now() - t0;
    window.board.lastRenderMs = lastRenderMs;
    window.board.renders++;
    var m = window.board.measure;
    if (m) {
      // the benchmark: how long each render took, and publish-to-shown for the alerts this render brought in
      var now = Date.now();
      m.renderMs.push(lastRenderMs);
      m.pending.forEach(function (emitted) { m.latencyMs.push(now - emitted); });
      m.pending = [];
    }
  }
  function renderCounts(c) {
    $('counts').innerHTML = LEVELS.map(function (l) {
      return '<span class="count lv-' + l + '" data-level="' + l + '">' + esc(t(l)) + ' <b>' + c[l] + '</b></span>';
    }).join('');
  }
  function renderQueue(list) {
    var q = $('queue');
    var focused = document.activeElement && document.activeElement.classList.contains('row')
      ? document.activeElement.getAttribute('data-id') : null;
    var n = Math.min(list.length, MAX_ROWS);
    var html = [];
    for (var i = 0; i < n; i++) {
      var r = list[i];
      html.push('<div class="row' + (r.open ? '' : ' cleared') + (r.unacknowledgedRed ? ' unack' : '') +
        '" role="row" tabindex="0" data-unack="' + (r.unacknowledgedRed ? 'true' : 'false') +
        '" data-handling="' + esc(r.handling || 'OPEN') + '" data-id="' + esc(r.id) +
        '" data-level="' + r.level + '" data-status="' + r.status + '" data-prefecture="' + esc(r.prefecture || '') +
        '"><span class="lvl lv-' + r.level + '">' + esc(t(r.level)) + '</span><span class="st">' + esc(t(r.status)) +
        '</span><span class="pf" title="' + esc(prefName(r.prefecture)) + '">' + esc(shortName(r.prefecture)) + '</span><span class="title" title="' +
        esc(r.ruleId + ' ' + r.subjectId) + '">' + esc(r.title) + '</span><span class="hd">' + handlingCell(r) + '</span><span class="time">' +
        esc(fmtTs(r.lastEventTs)) + '</span></div>');
    }
    q.innerHTML = html.join('');
    $('queue-note').textContent = list.length === 0 ? t('empty')
      : t('showing').replace('{n}', n).replace('{t}', list.length);
    if (focused) {
      var el = q.querySelector('.row[data-id="' + CSS.escape(focused) + '"]');
      if (el) el.focus();
    }
  }
  // who acknowledged and when, the assignee, escalations; an unacknowledged open RED says so in words
  function handlingCell(r) {
    var parts = [];
    if (r.unacknowledgedRed) parts.push('⚠ ' + t('unack'));
    if (r.acknowledgedBy) parts.push('✔ ' + t('ackBy') + ' ' + r.acknowledgedBy + ' ' + fmtTs(r.acknowledgedAt).substring(11, 16));
    if (r.handling === 'RESOLVED') parts.push(t('hRESOLVED'));
    if (r.assignee) parts.push('→ ' + r.assignee);
    if (r.notes) parts.push('✎' + r.notes + ' ' + t('notesN'));
    if (r.escalations) parts.push('⬆' + r.escalations + ' ' + t('escalated'));
    return esc(parts.join(' · '));
  }

  // redrawing the map's canvas costs more than the whole queue: under a stream of updates it is redrawn at most
  // once a second, and at once when the shading or the filter changed
  var mapDrawnAt = 0, mapKey = '', mapTimer = null, mapArgs = null;
  function renderMapSoon(shade, list, f) {
    mapArgs = [shade, list, f];
    var key = JSON.stringify(shade) + '|' + f.prefecture + '|' + f.level + '|' + f.domain + '|' + f.status + '|' + f.rule + '|' + lang;
    var wait = 1000 - (Date.now() - mapDrawnAt);
    if (key !== mapKey || wait <= 0) {
      mapKey = key;
      if (mapTimer) { clearTimeout(mapTimer); mapTimer = null; }
      mapDrawnAt = Date.now();
      renderMap.apply(null, mapArgs);
    } else if (!mapTimer) {
      mapTimer = setTimeout(function () { mapTimer = null; mapDrawnAt = Date.now(); renderMap.apply(null, mapArgs); }, wait);
    }
  }
  function renderMap(shade, list, f) {
    var t0 = performance.now();
    drawMap(shade, list, f);
    if (window.board.measure) window.board.measure.mapMs.push(performance.now() - t0);
  }
  function drawMap(shade, list, f) {
    var ul = $('divisions');
    var items = [];
    var regions = [];
    Object.keys(divisionCodes).forEach(function (code) {
      var l = shade[code];
      // the division the page is filtered to gets a bright border
      var sel = f.prefecture === code;
      regions.push({ name: divisionCodes[code], itemStyle: { areaColor: l ? COLOR[l] : COLOR.none,
        borderColor: sel ? '#ffd24d' : '#333', borderWidth: sel ? 3 : 1 } });
      items.push([code, l]);
    });
    var points = [];
    meta.prefectures.forEach(function (p) {
      if (p.lat != null && !divisionCodes[p.code]) {
        items.push([p.code, shade[p.code]]);
        points.push({ name: shortName(p.code), code: p.code, value: [p.lon, p.lat], level: shade[p.code] });
      }
    });
    var html = items.map(function (it) {
      var sel = f.prefecture === it[0] ? ' class="selected"' : '';
      return '<li data-code="' + it[0] + '" data-level="' + (it[1] || '') + '"' + sel + ' tabindex="0">' +
        '<span class="swatch" style="background:' + (it[1] ? COLOR[it[1]] : COLOR.none) + '"></span>' +
        esc(prefName(it[0])) + ' ' + esc(levelWord(it[1])) + '</li>';
    }).join('');
    if (divisionsHtml !== html) {
      ul.innerHTML = html; // only when it changed: keeps focus and saves layout work
      divisionsHtml = html;
    }
    if (!chart) return;
    // the division list under the map can change its height: keep the canvas inside its box
    var box = $('map');
    if (chart.getWidth() !== box.clientWidth || chart.getHeight() !== box.clientHeight) chart.resize();
    mapShade = shade;
    var labels = [];
    Object.keys(centers).forEach(function (code) {
      labels.push({ name: prefByCode[code] ? shortName(code) : divisionCodes[code], value: centers[code], level: shade[code] });
    });
    var alertPoints = [];
    for (var i = 0; i < list.length && i < 1000; i++) {
      var r = list[i];
      if (r.open && r.lon != null) alertPoints.push({ name: r.subjectId, id: r.id, value: [r.lon, r.lat], level: r.level });
    }
    chart.setOption({
      geo: { regions: regions },
      series: [
        { id: 'alerts', data: alertPoints },
        { id: 'labels', data: labels },
        { id: 'areas', data: points }
      ]
    });
  }

  // ---- map
  var mapShade = {};
  var divisionsHtml = null;
  var centers = {};             // division code -> [lon, lat] of its label
  function initMap(geojson) {
    (geojson.features || []).forEach(function (ft) {
      var p = ft.properties || {};
      var code = String(ft.id || p.adcode || p.code || '');
      if (code && p.name) { divisionCodes[code] = p.name; regionToCode[p.name] = code; }
      if (code && p.cp) centers[code] = p.cp;
    });
    echarts.registerMap('jilin', geojson);
    chart = echarts.init($('map'));
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'item' },
      geo: { map: 'jilin', roam: false, selectedMode: false, layoutCenter: ['50%', '50%'], layoutSize: '100%', label: { normal: { show: false }, emphasis: { show: false } },
        itemStyle: { borderColor: '#333', borderWidth: 1, areaColor: COLOR.none },
        emphasis: { label: { show: true } }, regions: [] },
      series: [
        { id: 'alerts', type: 'scatter', coordinateSystem: 'geo', symbolSize: function (v, p) { return 4 + 2 * RANK[p.data.level]; },
          itemStyle: { color: function (p) { return COLOR[p.data.level]; }, borderColor: '#fff', borderWidth: 1 },
          tooltip: { formatter: function (p) { return esc(p.data.name) + ' ' + esc(t(p.data.level)); } }, data: [] },
        // each division's name and level word, beside its colour (a series of its own: ECharts 4.1's geo labels
        // take no per-region text)
        { id: 'labels', type: 'scatter', coordinateSystem: 'geo', symbolSize: 1, silent: true, z: 1,
          itemStyle: { color: 'rgba(0,0,0,0)' },
          // white with a dark outline: readable on every level's colour and on the neutral grey
          label: { show: true, position: 'inside', color: '#fff', textBorderColor: 'rgba(0,0,0,0.85)', textBorderWidth: 2,
            fontSize: 12, fontWeight: 'bold', lineHeight: 15,
            formatter: function (p) { return p.data.name + '\n' + levelWord(p.data.level); } }, data: [] },
        { id: 'areas', type: 'scatter', coordinateSystem: 'geo', symbol: 'pin', symbolSize: 30,
          label: { show: true, position: 'right', color: '#fff', formatter: function (p) { return p.data.name + ' ' + levelWord(p.data.level); } },
          itemStyle: { color: function (p) { return p.data.level ? COLOR[p.data.level] : '#7d8a99'; } }, data: [] }
      ]
    });
    chart.on('click', function (p) {
      var code = p.componentType === 'geo' ? regionToCode[p.name]
        : (p.data && p.data.code) ? p.data.code : null;
      if (p.data && p.data.id && !p.data.code) { openDetail(p.data.id); return; }
      if (code) setPrefecture($('f-prefecture').value === code ? '' : code);
    });
    window.addEventListener('resize', function () { chart.resize(); });
  }
  function setPrefecture(code) {
    $('f-prefecture').value = code;
    render();
  }

  // ---- detail
  function openDetail(id) {
    openId = id;
    var fresh = detailData === null || detailData.id !== id;
    api('/api/alerts/' + encodeURIComponent(id)).then(function (r) { return r.json(); }).then(function (d) {
      if (d.error) return;
      var a = d.alert, row = d.row;
      detailData = d;
      renderHandling(d);
      if (fresh) resetControls(d);
      $('detail').hidden = false;
      $('d-title').innerHTML = '<span class="lvl lv-' + row.level + '" style="padding:0 6px">' + esc(t(row.level)) +
        '</span> ' + esc(a.title);
      $('d-meta').textContent = [t(row.status), a.ruleId, t(a.domain), prefName(a.prefecture), t('subject') + ' ' + a.subjectId,
        t('first') + ' ' + fmtTs(row.firstEventTs), t('last') + ' ' + fmtTs(row.lastEventTs)].join(' · ');
      $('d-detail').textContent = a.detail;
      $('d-evidence').innerHTML = (a.evidence || []).map(function (e) {
        var parts = Object.keys(e).filter(function (k) { return k !== 'type' && k !== 'ts'; })
          .map(function (k) { return esc(k) + '=' + esc(typeof e[k] === 'object' ? JSON.stringify(e[k]) : e[k]); });
        return '<tr class="reading"><td>' + esc(e.ts || '') + '</td><td>' + esc(e.type || '') + '</td><td>' + parts.join(' ') + '</td></tr>';
      }).join('');
      $('d-modifiers').innerHTML = d.modifiers.length === 0 ? '<li>' + esc(t('none')) + '</li>'
        : d.modifiers.map(function (m) { return '<li><b>' + esc(m.modifier) + '</b>: ' + esc(m.reason) + '</li>'; }).join('');
      $('d-history').innerHTML = d.history.map(function (h) {
        return '<li data-status="' + h.status + '"' + (h.escalation ? ' data-escalation="true"' : '') + '><b>' +
          esc(h.escalation ? '⬆ ' + t('escalated') : t(h.status)) + '</b> <span class="lvl lv-' + h.level + '" style="padding:0 4px">' +
          esc(t(h.level)) + '</span> ' + esc(fmtTs(h.lastEventTs)) + ' · ' + esc(h.escalation || h.title) +
          (h.modifiers.length ? ' (' + esc(h.modifiers.join(', ')) + ')' : '') + '</li>';
      }).join('');
      $('d-routes').innerHTML = d.routes.length === 0 ? '<li>' + esc(t('none')) + '</li>'
        : d.routes.map(function (r) { return '<li>' + esc(r) + '</li>'; }).join('');
      var cap = $('d-cap');
      if (d.cap) { cap.href = d.cap; cap.textContent = t('cap'); cap.removeAttribute('aria-disabled'); }
      else { cap.removeAttribute('href'); cap.textContent = t('cap') + ' ' + t('noCap'); cap.setAttribute('aria-disabled', 'true'); }
      if (fresh) $('d-close').focus();
    });
  }
  function renderHandling(d) {
    var h = d.handling;
    $('d-handling-history').innerHTML = (d.handlingHistory || []).map(function (e) {
      return '<li data-action="' + esc(e.action) + '"><b>' + esc(t('a' + e.action)) + '</b> ' + esc(fmtTs(e.at)) +
        (e.actor ? ' · ' + esc(e.actor) : '') + (e.text ? ' · ' + esc(e.action === 'ASSIGN' ? '→ ' + e.text : e.text) : '') + '</li>';
    }).join('');
    if (!h) {
      $('d-handling').textContent = t('hOPEN') + ' · ' + t('noHandling') + (d.row.escalations ? ' · ⬆' + d.row.escalations + ' ' + t('escalated') : '');
      $('d-handling').setAttribute('data-state', 'OPEN');
      $('d-notes').innerHTML = '';
      return;
    }
    var parts = [t('h' + h.state)];
    if (h.acknowledgedBy) parts.push('✔ ' + t('ackedBy') + ' ' + h.acknowledgedBy + ' ' + (h.acknowledgedAt || '').substring(0, 19).replace('T', ' '));
    if (h.assignee) parts.push('→ ' + h.assignee + (h.assignedBy ? ' (' + h.assignedBy + ')' : ''));
    if (h.resolvedBy) parts.push(t('resolvedBy') + ' ' + h.resolvedBy + (h.resolution ? ': ' + h.resolution : ''));
    var esc_ = Math.max(h.escalations || 0, d.row.escalations || 0);
    if (esc_) parts.push('⬆' + esc_ + ' ' + t('escalated'));
    if (h.silencedBy && h.silencedBy.length) parts.push(t('silencedBy') + ' ' + h.silencedBy.join(', '));
    $('d-handling').textContent = parts.join(' · ');
    $('d-handling').setAttribute('data-state', h.state);
    $('d-notes').innerHTML = (h.notes || []).map(function (n) {
      return '<li><b>' + esc(n.actor) + '</b> ' + esc((n.at || '').substring(0, 19).replace('T', ' ')) + ': ' + esc(n.text) + '</li>';
    }).join('');
  }
  // the controls: hidden for a read-only user; reset only when another incident opens (typed text survives updates)
  function resetControls(d) {
    var can = !!d.canCommand;
    $('d-actions').hidden = !can;
    $('d-readonly').hidden = can;
    // say why: a read-only role, or a board with no command topic (the demo for now)
    $('d-readonly').textContent = me.role === 'ANALYST' || me.commands ? t('readOnly') : t('noCommands');
    $('d-cmd-status').textContent = '';
    ['c-assignee', 'c-note', 'c-resolution', 's-comment', 's-start', 's-end', 's-expire-id'].forEach(function (k) { $(k).value = ''; });
    $('s-rule-v').textContent = d.alert.ruleId;
    $('s-subject-v').textContent = d.alert.subjectId;
    $('s-prefecture-v').textContent = d.alert.prefecture || '';
    $('s-rule').checked = true;
    $('s-subject').checked = true;
    // a prefecture user may silence only its own prefecture: the matcher it needs is ticked for it
    $('s-prefecture').checked = me.role === 'PREFECTURE' && !!d.alert.prefecture;
    $('s-prefecture').disabled = !d.alert.prefecture;
    $('c-silence-red').classList.toggle('emph', d.alert.level === 'RED');
  }
  // a datetime-local value is read as Beijing time, whatever the browser's zone
  function beijing(v) { return v ? (v.length === 16 ? v + ':00' : v) + '+08:00' : null; }
  function command(url, body) {
    var st = $('d-cmd-status');
    st.classList.remove('error');
    st.textContent = '…';
    return api(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body || {}) })
      .then(function (r) { return r.json().then(function (j) { return [r.status, j]; }); })
      .then(function (res) {
        if (res[0] === 202) {
          st.textContent = t('sent') + res[1].action + ' ' + (res[1].silenceId || res[1].commandId);
          st.setAttribute('data-command-id', res[1].commandId);
        } else {
          st.classList.add('error');
          st.textContent = res[0] + ': ' + (res[1].error || '');
        }
        return res;
      });
  }
  function incidentUrl(action) { return '/api/alerts/' + encodeURIComponent(detailData.id) + '/' + action; }
  $('c-ack').addEventListener('click', function () { command(incidentUrl('acknowledge')); });
  $('c-assign').addEventListener('click', function () { command(incidentUrl('assign'), { assignee: $('c-assignee').value }); });
  $('c-add-note').addEventListener('click', function () {
    command(incidentUrl('note'), { text: $('c-note').value }).then(function (res) { if (res[0] === 202) $('c-note').value = ''; });
  });
  $('c-resolve').addEventListener('click', function () { command(incidentUrl('resolve'), { text: $('c-resolution').value }); });
  $('c-silence-go').addEventListener('click', function () {
    var a = detailData.alert, body = { comment: $('s-comment').value, endsAt: beijing($('s-end').value) };
    if ($('s-start').value) body.startsAt = beijing($('s-start').value);
    if ($('s-rule').checked) body.ruleId = a.ruleId;
    if ($('s-subject').checked) body.subjectId = a.subjectId;
    if ($('s-prefecture').checked) body.prefecture = a.prefecture;
    command('/api/silences', body).then(function (res) { if (res[0] === 202) $('s-expire-id').value = res[1].silenceId; });
  });
  $('c-expire').addEventListener('click', function () {
    command('/api/silences/' + encodeURIComponent($('s-expire-id').value.trim()) + '/expire');
  });
  function closeDetail() {
    var id = openId;
    openId = null;
    detailData = null;
    $('detail').hidden = true;
    var el = id && $('queue').querySelector('.row[data-id="' + CSS.escape(id) + '"]');
    if (el) el.focus();
  }

  // ---- freshness
  function showFreshness(v) {
    lastFresh = v; lastFreshAt = Date.now();
    paintFreshness();
  }
  function paintFreshness() {
    var v = lastFresh;
    var box = $('freshness');
    var gone = !v || Date.now() - lastFreshAt > 5000;
    if (v) {
      $('fr-rate').textContent = v.messagesPerSec.toFixed(v.messagesPerSec < 10 ? 1 : 0);
      $('fr-newest').textContent = fmtTs(v.newestEventTs);
      $('fr-lag').textContent = fmtDur(v.lagMs);
    }
    var stale = gone || v.stale;
    box.classList.toggle('stale', stale);
    box.setAttribute('data-stale', stale ? 'true' : 'false');
    $('fr-state').textContent = !v ? t('connecting') : gone ? t('disconnected')
      : !v.stale ? t('fresh')
      : v.staleReason === 'no-input' ? t('staleNoInput').replace('{s}', Math.round(v.msSinceInput / 1000)) : t('staleLag');
  }
  setInterval(paintFreshness, 1000);

  // ---- stream
  function connect() {
    var url = '/api/stream' + (lastId == null ? '' : '?lastEventId=' + lastId);
    es = new EventSource(url);
    es.addEventListener('snapshot', function (e) {
      var d = JSON.parse(e.data);
      stats.snapshots++;
      rows.clear();
      d.rows.forEach(function (r) { rows.set(r.id, r); });
      lastId = d.lastEventId; // from the data: a restarted server's snapshot may be id 0
      schedule();
    });
    es.addEventListener('incident', function (e) {
      var id = Number(e.lastEventId);
      stats.events++;
      stats.seen[id] = (stats.seen[id] || 0) + 1;
      if (lastId != null && id <= lastId) return; // already applied (a snapshot covered it)
      lastId = id;
      var r = JSON.parse(e.data);
      rows.set(r.id, r);
      if (window.board.measure) window.board.measure.pending.push(r.emittedAt);
      if (openId === r.id) openDetail(r.id);
      schedule();
    });
    es.addEventListener('freshness', function (e) { showFreshness(JSON.parse(e.data)); });
    // a stream refused for want of a session (logged out elsewhere, expired) sends the page to the login form
    es.addEventListener('error', function () { if (!me.open) api('/api/me').catch(function () {}); });
  }

  // ---- language
  function applyLang() {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.querySelectorAll('[data-i18n]').forEach(function (el) { el.textContent = t(el.getAttribute('data-i18n')); });
    document.title = t('title');
    $('lang-toggle').textContent = t('toggle');
    showMe();
    buildFilters();
    knownRules = '';
    buildRuleFilter();
    render();
    paintFreshness();
    if (openId) openDetail(openId);
  }

  // ---- keyboard: rows are focusable; arrows move, Enter opens, Escape closes the detail
  $('queue').addEventListener('keydown', function (e) {
    var el = e.target.closest('.row');
    if (!el) return;
    if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); openDetail(el.getAttribute('data-id')); }
    else if (e.key === 'ArrowDown' && el.nextElementSibling) { e.preventDefault(); el.nextElementSibling.focus(); }
    else if (e.key === 'ArrowUp' && el.previousElementSibling) { e.preventDefault(); el.previousElementSibling.focus(); }
  });
  $('queue').addEventListener('click', function (e) {
    var el = e.target.closest('.row');
    if (el) openDetail(el.getAttribute('data-id'));
  });
  $('divisions').addEventListener('click', function (e) {
    var li = e.target.closest('li');
    if (li) setPrefecture($('f-prefecture').value === li.getAttribute('data-code') ? '' : li.getAttribute('data-code'));
  });
  $('divisions').addEventListener('keydown', function (e) {
    var li = e.target.closest('li');
    if (li && e.key === 'Enter') setPrefecture(li.getAttribute('data-code'));
  });
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape' && openId) closeDetail(); });
  $('d-close').addEventListener('click', closeDetail);
  $('filters').addEventListener('change', render);
  $('lang-toggle').addEventListener('click', function () {
    lang = lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem('board.lang', lang);
    applyLang();
  });

  // hooks for the tests and the benchmark: drop and reopen the stream as a network failure would
  window.board = {
    renders: 0, lastRenderMs: 0, stats: stats, measure: null,
    lastEventId: function () { return lastId; },
    disconnect: function () { if (es) es.close(); es = null; },
    reconnect: function () { if (es) es.close(); connect(); },
    rowCount: function () { return rows.size; }
  };

  function showMe() {
    $('me').textContent = me.open ? t('openBoard') : me.user ? me.user + ' · ' + me.role + ' · ' + me.scope : '';
    $('logout').hidden = !!me.open || !me.user;
  }
  $('logout').addEventListener('click', function () {
    api('/logout', { method: 'POST' }).then(function () { window.location = '/login'; });
  });

  Promise.all([api('/api/meta').then(function (r) { return r.json(); }),
    fetch('/map/jilin.json').then(function (r) { return r.json(); }),
    api('/api/me').then(function (r) { return r.json(); })]).then(function (res) {
    meta = res[0];
    me = res[2];
    meta.prefectures.forEach(function (p) { prefByCode[p.code] = p; });
    $('source').textContent = meta.source || '';
    try { initMap(res[1]); } catch (err) { $('map').textContent = 'map: ' + err; }
    applyLang();
    connect();
  });
})();
