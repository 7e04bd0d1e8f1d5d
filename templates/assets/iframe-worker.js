/* briefbook: Web Workers for pages opened from file://, where Chromium refuses to start them.
 *
 * Material's search runs in a Worker. A page read from disk may not start one,
 * so under file:// this script replaces `Worker` with a stand-in that runs the
 * worker's script in a hidden iframe of the same page and passes the messages
 * both ways. The worker script sees what it expects: `addEventListener("message")`,
 * `postMessage()` and `importScripts()` (which here loads scripts in order and
 * returns a promise). Served over http(s) nothing changes.
 */
(function () {
  "use strict";
  if (location.protocol !== "file:" || typeof document === "undefined") return;

  function FileWorker(url) {
    var self = this;
    var events = document.createElement("span"); // any EventTarget carries the page's listeners
    var queue = [];
    var frame = document.createElement("iframe");
    var ready = false;
    var script = new URL(String(url), document.baseURI).href;

    this.addEventListener = events.addEventListener.bind(events);
    this.removeEventListener = events.removeEventListener.bind(events);
    this.dispatchEvent = events.dispatchEvent.bind(events);
    this.onmessage = null;
    this.onerror = null;

    function toPage(data) {
      setTimeout(function () {
        var event = new MessageEvent("message", { data: data });
        if (typeof self.onmessage === "function") self.onmessage(event);
        events.dispatchEvent(event);
      }, 0);
    }

    function toWorker(data) {
      var inner = frame.contentWindow;
      setTimeout(function () {
        inner.dispatchEvent(new inner.MessageEvent("message", { data: data }));
      }, 0);
    }

    function loadScript(doc, src) {
      return new Promise(function (resolve, reject) {
        var tag = doc.createElement("script");
        tag.src = new URL(src, script).href;
        tag.onload = function () { resolve(); };
        tag.onerror = function () { reject(new Error("could not load " + tag.src)); };
        doc.head.appendChild(tag);
      });
    }

    this.postMessage = function (data) {
      if (ready) toWorker(data);
      else queue.push(data);
    };
    this.terminate = function () {
      if (frame.parentNode) frame.parentNode.removeChild(frame);
      queue = [];
    };

    frame.setAttribute("aria-hidden", "true");
    frame.setAttribute("tabindex", "-1");
    frame.title = "search worker";
    frame.style.display = "none";
    frame.srcdoc = "<!doctype html><meta charset=utf-8><title>worker</title>";
    frame.addEventListener("load", function () {
      var inner = frame.contentWindow;
      var doc = frame.contentDocument;
      inner.postMessage = function (data) { toPage(data); };
      inner.importScripts = function () {
        var urls = Array.prototype.slice.call(arguments);
        return urls.reduce(function (done, src) {
          return done.then(function () { return loadScript(doc, src); });
        }, Promise.resolve());
      };
      loadScript(doc, script).then(function () {
        ready = true;
        queue.splice(0).forEach(toWorker);
      }, function (error) {
        var event = new ErrorEvent("error", { message: error.message });
        if (typeof self.onerror === "function") self.onerror(event);
        events.dispatchEvent(event);
      });
    }, { once: true });
    (document.body || document.documentElement).appendChild(frame);
  }

  /* Material's worker asks for this name to find its language files next to itself. */
  window.IFrameWorker = FileWorker;
  window.Worker = FileWorker;
})();
