// <tidewise-chart>: draws the ECharts option object set as JSON in its `options` property. ECharts itself is
// loaded from its WebJar before this file (see EChart.java); the element waits for it if needed.
(function () {
  if (customElements.get('tidewise-chart')) {
    return;
  }
  class TidewiseChart extends HTMLElement {
    connectedCallback() {
      this.style.display = 'block';
      // a value set before this element was defined sits on the instance and hides our setter
      if (Object.prototype.hasOwnProperty.call(this, 'options')) {
        const early = this.options;
        delete this.options;
        this.options = early;
      }
      this._resizeObserver = new ResizeObserver(() => this._chart && this._chart.resize());
      this._resizeObserver.observe(this);
      this._draw();
    }

    disconnectedCallback() {
      if (this._resizeObserver) {
        this._resizeObserver.disconnect();
      }
      if (this._chart) {
        this._chart.dispose();
        this._chart = null;
      }
    }

    get options() {
      return this._options;
    }

    set options(json) {
      this._options = json;
      this._draw();
    }

    _draw() {
      if (!this.isConnected || !this._options) {
        return;
      }
      if (!window.echarts) {
        setTimeout(() => this._draw(), 50);
        return;
      }
      if (!this._chart) {
        const dark = document.documentElement.getAttribute('theme') === 'dark';
        this._chart = window.echarts.init(this, dark ? 'dark' : null);
      }
      this._chart.setOption(JSON.parse(this._options), true);
      this.setAttribute('data-drawn', 'true');
    }
  }
  customElements.define('tidewise-chart', TidewiseChart);
})();
