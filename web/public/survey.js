// Enhances the questionnaire; the form works without it (it posts to the server). Keeps a half-filled
// questionnaire in localStorage (never the enterprise code), shows progress, checks required questions, and
// sends to the JSON API with the form's Idempotency-Key, retrying network errors, 429 and 5xx (never stored
// twice), with Turnstile's token as turnstile_token and the enterprise code as enterprise_code.
(function () {
  'use strict';
  var form = document.querySelector('form[data-survey]');
  if (!form || !window.fetch) return;
  var d = form.dataset;
  var storeKey = 'survey:' + d.survey + ':' + d.town;
  var keyInput = form.querySelector('input[name="idempotency_key"]');
  var progress = document.getElementById('progress');
  var statusLine = document.getElementById('status');
  var summary = document.getElementById('error-summary');
  var questions = Array.prototype.slice.call(form.querySelectorAll('[data-question]'));

  function fieldsOf(name) {
    return Array.prototype.slice.call(form.elements).filter(function (el) {
      return el.name === name;
    });
  }
  function valueOf(name) {
    var fields = fieldsOf(name);
    if (!fields.length) return undefined;
    if (fields[0].type === 'radio') {
      var c = fields.filter(function (f) {
        return f.checked;
      })[0];
      return c ? c.value : undefined;
    }
    if (fields[0].type === 'checkbox') {
      var v = fields
        .filter(function (f) {
          return f.checked;
        })
        .map(function (f) {
          return f.value;
        });
      return v.length ? v : undefined;
    }
    return fields[0].value.trim() || undefined;
  }
  function answered(q) {
    var v = q.dataset.type === 'consent' ? valueOf('consent_participation') : valueOf(q.dataset.question);
    return v !== undefined;
  }

  function save() {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || /^(website|enterprise_code)$/.test(el.name) || el.type === 'hidden' || el.type === 'submit') return;
      if (el.type === 'radio' || el.type === 'checkbox') {
        if (el.checked) (values[el.name] = values[el.name] || []).push(el.value);
      } else if (el.value) values[el.name] = [el.value];
    });
    try {
      localStorage.setItem(storeKey, JSON.stringify({ key: keyInput.value, values: values }));
    } catch (e) {
      /* storage full or disabled: the form still works */
    }
  }
  function restore() {
    var saved;
    try {
      saved = JSON.parse(localStorage.getItem(storeKey) || 'null');
    } catch (e) {
      saved = null;
    }
    if (!saved) return;
    if (saved.key) keyInput.value = saved.key;
    Object.keys(saved.values || {}).forEach(function (name) {
      fieldsOf(name).forEach(function (el) {
        var vals = saved.values[name];
        if (el.type === 'radio' || el.type === 'checkbox') el.checked = vals.indexOf(el.value) >= 0;
        else el.value = vals[0];
      });
    });
  }
  function updateProgress() {
    var required = questions.filter(function (q) {
      return q.dataset.required === 'true';
    });
    var done = required.filter(answered).length;
    progress.textContent = d.msgProgress.replace('{done}', done).replace('{total}', required.length);
    progress.hidden = false;
  }

  function showErrors(errors) {
    questions.forEach(function (q) {
      var msg = errors[q.dataset.question];
      var p = document.getElementById('err-' + q.dataset.question);
      q.classList.toggle('has-error', !!msg);
      if (p) {
        p.textContent = msg || '';
        p.hidden = !msg;
      }
    });
    var names = Object.keys(errors);
    var list = summary.querySelector('ul');
    list.textContent = '';
    names.forEach(function (name) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = '#q-' + name;
      var legend = document.querySelector('#q-' + name + ' legend, #q-' + name + ' label');
      a.textContent = (legend ? legend.textContent.trim() + ': ' : '') + errors[name];
      li.appendChild(a);
      list.appendChild(li);
    });
    summary.hidden = names.length === 0;
    if (names.length) summary.focus();
  }

  function check() {
    var errors = {};
    questions.forEach(function (q) {
      if (q.dataset.required === 'true' && !answered(q))
        errors[q.dataset.question] = q.dataset.type === 'consent' ? d.msgConsent : d.msgRequired;
    });
    if (
      valueOf('consent_contact') === undefined &&
      ['organisation', 'contact_name', 'phone', 'email'].some(function (n) {
        return valueOf(n) !== undefined;
      })
    )
      errors.contact = d.msgContact;
    return errors;
  }

  function payload() {
    var answers = {};
    questions.forEach(function (q) {
      var t = q.dataset.type;
      if (/^(consent|contact|code)$/.test(t)) return;
      var v = valueOf(q.dataset.question);
      if (v === undefined) return;
      answers[q.dataset.question] = (t === 'likert' || t === 'nps') && /^\d+$/.test(v) ? Number(v) : v;
    });
    var respondent = {};
    [
      ['organisation', 'organisation'],
      ['name', 'contact_name'],
      ['phone', 'phone'],
      ['email', 'email'],
    ].forEach(function (p) {
      var v = valueOf(p[1]);
      if (v) respondent[p[0]] = v;
    });
    var body = {
      town_id: d.town,
      answers: answers,
      consent: { participation: valueOf('consent_participation') !== undefined, contact: valueOf('consent_contact') !== undefined },
    };
    if (Object.keys(respondent).length) body.respondent = respondent;
    var hp = valueOf('website');
    if (hp) body.website = hp;
    var tk = valueOf('cf-turnstile-response');
    if (tk) body.turnstile_token = tk;
    var ec = valueOf('enterprise_code');
    if (ec) body.enterprise_code = ec;
    return body;
  }

  function send(body, attempt) {
    return fetch('/api/v1/surveys/' + encodeURIComponent(d.survey) + '/responses', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': keyInput.value },
      body: JSON.stringify(body),
    }).then(
      function (res) {
        if ((res.status === 429 || res.status >= 500) && attempt < 4) return retry(body, attempt, res.headers.get('Retry-After'));
        return res.json().then(function (json) {
          return { status: res.status, json: json };
        });
      },
      function () {
        if (attempt < 4) return retry(body, attempt, null);
        throw new Error('network');
      },
    );
  }
  function retry(body, attempt, after) {
    statusLine.textContent = d.msgRetrying;
    var wait = after ? Math.min(Number(after) * 1000, 10000) : 500 * Math.pow(2, attempt) + Math.random() * 250;
    return new Promise(function (resolve) {
      setTimeout(resolve, wait);
    }).then(function () {
      return send(body, attempt + 1);
    });
  }

  restore();
  updateProgress();
  form.addEventListener('input', function () {
    save();
    updateProgress();
  });
  form.addEventListener('change', function () {
    save();
    updateProgress();
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var errors = check();
    showErrors(errors);
    if (Object.keys(errors).length) return;
    var body = payload();
    // Turnstile is on (data-msg-verify) but its challenge is not done yet: sending would only be refused.
    if (d.msgVerify && !body.turnstile_token) {
      statusLine.textContent = d.msgVerify;
      return;
    }
    var button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    statusLine.textContent = '';
    send(body, 0)
      .then(function (r) {
        if (r.status === 201) {
          try {
            localStorage.removeItem(storeKey);
          } catch (e) {
            /* nothing saved */
          }
          window.location.assign('/survey/thanks?receipt=' + encodeURIComponent(r.json.receipt) + '&lang=' + d.lang);
          return;
        }
        button.disabled = false;
        // Said as a whole, not beside a field: the enterprise already answered, or the wave has closed.
        var type = String(r.json.type).split(':').pop();
        if (r.status === 409 && (type === 'already-answered' || type === 'survey-closed')) {
          statusLine.textContent = type === 'survey-closed' ? d.msgClosed : d.msgAnswered;
          return;
        }
        var fieldErrors = {};
        (r.json.errors || []).forEach(function (e) {
          if (e.name.indexOf('answers.') === 0) fieldErrors[e.name.slice(8)] = e.code === 'required' ? d.msgRequired : d.msgGeneric;
          else if (e.name === 'consent.participation') fieldErrors.consent = d.msgConsent;
          else if (e.name === 'consent.contact') fieldErrors.contact = d.msgContact;
          else if (e.name === 'enterprise_code') fieldErrors.enterprise_code = e.code === 'required' ? d.msgRequired : d.msgCode;
        });
        if (Object.keys(fieldErrors).length) showErrors(fieldErrors);
        else if (r.status === 403 && d.msgVerify) {
          // The token was refused or has expired: a fresh challenge, then the same answers again.
          statusLine.textContent = d.msgVerify;
          if (window.turnstile) window.turnstile.reset();
        } else statusLine.textContent = d.msgFailed;
      })
      .catch(function () {
        button.disabled = false;
        statusLine.textContent = d.msgFailed;
      });
  });
})();
