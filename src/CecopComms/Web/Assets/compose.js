// The compose form without round trips. "Add another news item", "Add a language variant" and the remove buttons change
// the form in place: a block is copied from the <template> the server wrote, names, ids and words are renumbered (so what
// is posted is what the server's own buttons would have made), the keyboard focus moves to the new block (or to the
// removed one's neighbour), and the change is announced politely. The draft's preview is shown beside the form and shown
// again a moment after the typing stops, in a fresh sandboxed frame each time, so the Back button and the focus are left
// alone. Without this script the same buttons post the form and the server does each of these things.
(function () {
  "use strict";
  var layout = document.querySelector("[data-compose]");
  var form = layout && layout.querySelector("form.compose");
  if (!form || !layout.querySelector("template[data-template]")) return;
  var items = form.querySelector("[data-items]");
  var variants = form.querySelector("[data-variants]");
  var announcer = layout.querySelector("[data-compose-announce]");
  var panel = layout.querySelector("[data-draft-preview]");
  var previewButton = form.querySelector("[data-compose=preview]");
  var wide = window.matchMedia("(min-width: 75rem)");
  var frames = 0;
  var timer = 0;

  function itemBlocks() { return Array.prototype.slice.call(items.querySelectorAll(":scope > [data-item]")); }
  function variantBlocks() { return Array.prototype.slice.call(variants.querySelectorAll(":scope > [data-variant]")); }
  function copy(name) { return layout.querySelector('template[data-template="' + name + '"]').content.firstElementChild.cloneNode(true); }
  function say(format, number, more) { return format.replace("{0}", String(number)).replace("{1}", more || ""); }
  function first(block) { return block.querySelector("input:not([type=hidden]), select, textarea"); }
  function value(name) { var field = form.elements.namedItem(name); return field && field.value ? field.value.trim() : ""; }

  // Rewrites the index in every name, id, label and description inside a block: Items[3] → Items[1], Items_3_ → Items_1_.
  function reindex(block, pattern, index) {
    var names = new RegExp("(" + pattern + ")\\[\\d+\\]", "g");
    var ids = new RegExp("(" + pattern + ")_\\d+_", "g");
    [block].concat(Array.prototype.slice.call(block.querySelectorAll("[name], [id], [for], [aria-describedby]"))).forEach(function (element) {
      ["name", "id", "for", "aria-describedby"].forEach(function (attribute) {
        var before = element.getAttribute(attribute);
        if (!before) return;
        var after = attribute === "name" ? before.replace(names, "$1[" + index + "]") : before.replace(ids, "$1_" + index + "_");
        if (after !== before) element.setAttribute(attribute, after);
      });
    });
  }

  // The block's legend and remove button say its number, as the server would write them.
  function words(block, number, more) {
    var legend = block.querySelector(":scope > legend");
    legend.textContent = say(legend.getAttribute(more ? "data-format-language" : "data-format"), number, more);
    var remove = block.querySelector(":scope > [data-compose^=remove]");
    if (remove) {
      remove.textContent = say(remove.getAttribute("data-format"), number);
      remove.value = String(number - 1);
    }
  }

  function renumber() {
    itemBlocks().forEach(function (block, i) {
      reindex(block, "Items", i);
      words(block, i + 1);
    });
    variantBlocks().forEach(function (block, v) {
      reindex(block, "Variants", v);
      words(block, v + 1, value("Form.Variants[" + v + "].Language"));
      block.querySelectorAll("[data-variant-item]").forEach(function (sub, i) {
        reindex(sub, "Titles|Summaries|ImageAlts", i);
        var legend = sub.querySelector(":scope > legend");
        legend.textContent = say(legend.getAttribute("data-format"), i + 1, value("Form.Items[" + i + "].Title"));
      });
    });
  }

  // A variant's block for item i: with the image text when that item has an image, as the server writes it.
  function variantItem(i) { return copy(value("Form.Items[" + i + "].Image") ? "variant-item-image" : "variant-item"); }

  function announce(kind, number) {
    announcer.textContent = "";
    // A moment later, so the region's change is heard even when the same words come twice.
    window.setTimeout(function () { announcer.textContent = say(announcer.getAttribute("data-" + kind), number); }, 100);
  }

  function addItem() {
    var block = copy("item");
    items.appendChild(block);
    variantBlocks().forEach(function (variant) { variant.querySelector("[data-variant-items]").appendChild(copy("variant-item")); });
    renumber();
    first(block).focus();
    announce("item-added", itemBlocks().length);
  }

  function addVariant() {
    var block = copy("variant");
    var list = block.querySelector("[data-variant-items]");
    itemBlocks().forEach(function (item, i) { list.appendChild(variantItem(i)); });
    variants.appendChild(block);
    renumber();
    first(block).focus();
    announce("variant-added", variantBlocks().length);
  }

  function removeItem(index) {
    var blocks = itemBlocks();
    if (!blocks[index]) return;
    blocks[index].remove();
    variantBlocks().forEach(function (variant) {
      var sub = variant.querySelectorAll("[data-variant-item]")[index];
      if (sub) sub.remove();
    });
    renumber();
    neighbour(itemBlocks(), index, "add-item");
    announce("item-removed", index + 1);
  }

  function removeVariant(index) {
    var blocks = variantBlocks();
    if (!blocks[index]) return;
    blocks[index].remove();
    renumber();
    neighbour(variantBlocks(), index, "add-language");
    announce("variant-removed", index + 1);
  }

  // The block that took the removed one's place, else the one before it, else the button that adds one.
  function neighbour(blocks, index, button) {
    var block = blocks[Math.min(index, blocks.length - 1)];
    (block ? first(block) : document.getElementById(button)).focus();
  }

  // The preview: a new frame for each showing (its first page replaces about:blank, so no history entry is added),
  // swapped in once loaded. The preview button's own validation-free submission carries the form into it.
  function showPreview() {
    window.clearTimeout(timer);
    if (!panel || !previewButton) return;
    // Someone reading the preview with the keyboard keeps it: it is shown again once they leave it.
    if (panel.contains(document.activeElement)) { later(); return; }
    var old = panel.querySelector("iframe");
    var frame = old.cloneNode(false);
    frame.name = "draft-preview-" + (++frames);
    frame.hidden = true;
    old.after(frame);
    // Listened for once inserted: the blank page a new frame starts with has loaded by then, so this is the preview's.
    frame.addEventListener("load", function () {
      // An older showing that arrives late gives way to the newest.
      if (frame.name !== "draft-preview-" + frames) { frame.remove(); return; }
      panel.querySelectorAll("iframe").forEach(function (other) { if (other !== frame) other.remove(); });
      frame.hidden = false;
    });
    var target = previewButton.formTarget;
    previewButton.formTarget = frame.name;
    form.requestSubmit(previewButton);
    previewButton.formTarget = target;
  }

  function later() {
    window.clearTimeout(timer);
    if (panel) timer = window.setTimeout(showPreview, 1500);
  }

  form.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-compose]");
    if (!button || !form.contains(button)) return;
    var action = button.getAttribute("data-compose");
    if (action === "preview") {
      // Beside the form, the preview shows there; on a narrow screen it opens on its own, as without script.
      if (panel && wide.matches) { event.preventDefault(); showPreview(); }
      return;
    }
    event.preventDefault();
    if (action === "add-item") addItem();
    else if (action === "add-variant") addVariant();
    else if (action === "remove-item") removeItem(parseInt(button.value, 10));
    else if (action === "remove-variant") removeVariant(parseInt(button.value, 10));
    later();
  });

  form.addEventListener("input", function (event) {
    if (/^Form\.Items\[\d+\]\.Title$/.test(event.target.name || "")) renumber();
    later();
  });
  form.addEventListener("change", function (event) {
    if (/^Form\.Variants\[\d+\]\.Language$/.test(event.target.name || "")) renumber();
    later();
  });

  if (panel) {
    panel.hidden = false;
    layout.classList.add("previewing");
    // Once the page itself has loaded: the preview never holds the page back.
    if (document.readyState === "complete") showPreview();
    else window.addEventListener("load", showPreview, { once: true });
  }
})();
