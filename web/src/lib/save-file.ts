/**
 * Saves `blob` as the file `name` in the browser, without navigating: a link with `download` to an object URL,
 * clicked once; the URL is released after the browser has had time to start the download.
 */
export const saveBlob = (blob: Blob, name: string) => {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};
