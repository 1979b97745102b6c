/* The site's one script: the reader's choices of 字体 (size), 拼音 (readings) and 高对比度,
   and the 打印 button. No framework, nothing loaded from elsewhere.

   It is a blocking <script src> in <head>: the first part runs before the body is parsed and
   puts the stored choices on <html> (data-size, classes pinyin-off and contrast, and `js`,
   which shows the toolbar), so the first paint already has the reader's size. When the page
   has loaded, the toolbar's buttons are wired up and its `hidden` (without JavaScript none of
   its buttons could work) is removed.
   The choices are kept in localStorage, so they hold on every page of the site and on the
   next visit. */
(function () {
  "use strict";

  var KEY = "publish-reader";
  var root = document.documentElement;

  function read() {
    try {
      var stored = JSON.parse(window.localStorage.getItem(KEY) || "{}");
      return stored && typeof stored === "object" ? stored : {};
    } catch (error) {
      return {}; // storage turned off or unreadable: the page as built
    }
  }

  function write(choices) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(choices));
    } catch (error) {
      // Storage turned off or full: the choice still holds on this page.
    }
  }

  var choices = read();

  function prefersContrast() {
    return Boolean(window.matchMedia && window.matchMedia("(prefers-contrast: more)").matches);
  }

  function contrast() {
    return typeof choices.contrast === "boolean" ? choices.contrast : prefersContrast();
  }

  function apply() {
    if (typeof choices.size === "string") {
      root.setAttribute("data-size", choices.size);
    } else {
      root.removeAttribute("data-size");
    }
    root.classList.toggle("pinyin-off", choices.pinyin === false);
    // "zhuyin": the second reading of a site built with both (pinyin,zhuyin).
    root.classList.toggle("reading-zhuyin", choices.pinyin === "zhuyin");
    root.classList.toggle("contrast", contrast());
  }

  root.classList.add("js");
  apply();

  function each(list, action) {
    Array.prototype.forEach.call(list, action);
  }

  function sync(toolbar) {
    var size = choices.size || toolbar.getAttribute("data-size-default");
    each(toolbar.querySelectorAll("[data-size]"), function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-size") === size));
    });
    var reading = choices.pinyin === false ? "off" : choices.pinyin === "zhuyin" ? "zhuyin" : "on";
    if (reading === "zhuyin" && !toolbar.querySelector('[data-pinyin="zhuyin"]')) {
      reading = "on"; // chosen on a site with both readings; this one has one
    }
    each(toolbar.querySelectorAll("[data-pinyin]"), function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-pinyin") === reading));
    });
    each(toolbar.querySelectorAll("[data-contrast]"), function (button) {
      button.setAttribute("aria-pressed", String(contrast()));
    });
  }

  function choose(button) {
    if (button.hasAttribute("data-size")) {
      choices.size = button.getAttribute("data-size");
    } else if (button.hasAttribute("data-pinyin")) {
      var value = button.getAttribute("data-pinyin");
      choices.pinyin = value === "zhuyin" ? "zhuyin" : value === "on";
    } else if (button.hasAttribute("data-contrast")) {
      choices.contrast = !contrast();
    } else if (button.hasAttribute("data-print")) {
      window.print();
      return;
    } else {
      return;
    }
    write(choices);
    apply();
  }

  /* A WAI-ARIA toolbar (APG "Toolbar" pattern): the toolbar is one Tab stop; Left/Right move
     between its buttons (wrapping), Home/End go to the first/last, and the last button used
     stays the Tab stop. Enter and Space press a button, as for any <button>. */
  function roving(toolbar) {
    var buttons = Array.prototype.slice.call(toolbar.querySelectorAll("button"));
    function stop(index) {
      buttons.forEach(function (button, other) {
        button.tabIndex = other === index ? 0 : -1;
      });
    }
    stop(0);
    toolbar.addEventListener("focusin", function (event) {
      var index = buttons.indexOf(event.target);
      if (index >= 0) {
        stop(index);
      }
    });
    toolbar.addEventListener("keydown", function (event) {
      var index = buttons.indexOf(document.activeElement);
      var last = buttons.length - 1;
      var target = {
        ArrowRight: index === last ? 0 : index + 1,
        ArrowLeft: index === 0 ? last : index - 1,
        Home: 0,
        End: last
      }[event.key];
      if (index < 0 || target === undefined || event.altKey || event.ctrlKey || event.metaKey) {
        return;
      }
      event.preventDefault();
      stop(target);
      buttons[target].focus();
    });
  }

  function setup() {
    each(document.querySelectorAll(".toolbar"), function (toolbar) {
      var size = choices.size;
      if (size && !toolbar.querySelector('[data-size="' + size.replace(/["\\]/g, "") + '"]')) {
        delete choices.size; // a size this site does not offer (an older choice): built size
        apply();
      }
      toolbar.addEventListener("click", function (event) {
        var button = event.target.closest("button");
        if (button && toolbar.contains(button)) {
          choose(button);
          sync(toolbar);
        }
      });
      roving(toolbar);
      sync(toolbar);
      toolbar.hidden = false;
    });
  }

  // A choice made in another tab of the site applies here too.
  window.addEventListener("storage", function (event) {
    if (event.key === KEY) {
      choices = read();
      apply();
      each(document.querySelectorAll(".toolbar"), sync);
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
