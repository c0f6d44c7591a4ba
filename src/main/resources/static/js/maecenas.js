// Small progressive enhancements; every page works without them.
(function () {
  // Upload progress for htmx file uploads.
  document.addEventListener('htmx:xhr:progress', function (event) {
    var form = event.target.closest ? event.target.closest('form') : null;
    var bar = form ? form.querySelector('.upload-progress') : null;
    if (bar && event.detail.lengthComputable) {
      bar.hidden = false;
      bar.value = Math.round((event.detail.loaded / event.detail.total) * 100);
    }
  });
  // Select the whole private feed address on focus, ready to copy.
  document.addEventListener('focusin', function (event) {
    if (event.target.classList && event.target.classList.contains('copy-field')) {
      event.target.select();
    }
  });
  // Print buttons (receipts): the page's print stylesheet leaves only the receipt.
  document.addEventListener('click', function (event) {
    if (event.target.classList && event.target.classList.contains('print-button')) {
      window.print();
    }
  });
})();
